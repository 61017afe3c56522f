export { API_PREFIX, openApiDocument } from './openapi.js';
export {
  type ApiKeyInfo,
  ApiKeyError,
  createApiKey,
  DEFAULT_KEY_RATE,
  listApiKeys,
  revokeApiKey,
} from './keys.js';
export { apiKeyCommands } from './cli.js';
export { type ApiExtension, contentApiRoutes } from './routes.js';
export { toNinjs } from './ninjs.js';
