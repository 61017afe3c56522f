/** Archive imports (docs/operations.md, "Importing from WordPress"): the domain's public face. */
export {
  type ImportOptions,
  type ImportReport,
  importWordpress,
  type PostReport,
  scanWordpress,
} from './wordpress.js';
export { WxrError } from './wxr.js';
