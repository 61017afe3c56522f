/**
 * The text rules live in src/shared/text.ts, because the article write's schema (which the
 * newsroom app infers its types from) uses them; server modules keep importing them from here.
 */
export {
  CONTROL_MESSAGE,
  CONTROL_MESSAGE_MULTILINE,
  hasControlCharacters,
  multiLine,
  singleLine,
} from '../shared/text.js';
