export {
  ApiKeyError,
  type ApiKeyInfo,
  createApiKey,
  DEFAULT_KEY_RATE,
  listApiKeys,
  revokeApiKey,
} from './keys.js';
export { toNinjs } from './ninjs.js';
export { API_PREFIX, openApiDocument } from './openapi.js';
export { type ApiExtension, contentApiRoutes } from './routes.js';
