import type Sharp from 'sharp';

/**
 * sharp (libvips) is loaded on first use: only uploads and renditions no reader has asked for
 * yet need it, and its native library is the largest thing a Masthead process would otherwise
 * keep in memory for nothing (pages, feeds and static exports never touch it; its size is in
 * docs/benchmarks.md, "Figures that were in code comments").
 */
let loaded: Promise<typeof Sharp> | null = null;

export function loadSharp(): Promise<typeof Sharp> {
  loaded ??= import('sharp').then((m) => m.default);
  return loaded;
}
