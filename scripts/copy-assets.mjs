// Copies the non-TypeScript files the server reads at run time (stylesheet, logo, demo
// images) from src/ into dist/, keeping their relative paths.
import fs from 'node:fs';
import path from 'node:path';

const EXTENSIONS = new Set(['.css', '.png', '.jpg', '.svg', '.json']);

function copyTree(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(src, dst);
    else if (EXTENSIONS.has(path.extname(entry.name))) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, dst);
    }
  }
}

copyTree('src', 'dist');
