/** The media domain's public face: what other domains may use. */

export { updateMedia } from './edit.js';
export { addMediaFile } from './library.js';
export { ensureRendition, RENDITION_WIDTHS, type RenditionFormat, widthsFor } from './renditions.js';
export { renditionRoutes } from './routes.js';
export { thumbnailOf } from './thumbnail.js';
export { receiveUpload } from './upload.js';
export { type ImageView, imageView, mediaUrl } from './view.js';
export { deleteMedia, type MediaUse, mediaSearchWords, mediaUsage, setMediaTakenDown } from './usage.js';
