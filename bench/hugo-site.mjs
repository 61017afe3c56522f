/**
 * The Hugo side of the export benchmark: a site of N Markdown stories shaped like the generated
 * archive (sections, 3 tags and an author per story, 20 per list page), with minimal layouts.
 *   node bench/hugo-site.mjs DIR [N]   then   cd DIR && /usr/bin/time -v hugo --quiet
 */
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const n = Number(process.argv[3] ?? 10_000);
if (!dir) throw new Error('usage: node bench/hugo-site.mjs DIR [N]');
const sections = ['news', 'business', 'culture', 'sports', 'technology', 'opinion'];
const words = 'the council said on monday that its budget would rise sharply after a long dispute'.split(' ');
const w = (seed, k) =>
  Array.from({ length: k }, (_, i) => words[(seed * 7 + i * 13) % words.length]).join(' ');
const write = (file, text) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
};
write(
  'config.toml',
  `baseURL = "https://news.example.com/"\ntitle = "Masthead News"\npaginate = 20\n[taxonomies]\ntag = "tags"\nauthor = "authors"\n`,
);
const head = `<!doctype html><html><head><title>{{ .Title }}</title><link rel="canonical" href="{{ .Permalink }}"></head><body><nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>`;
write(
  'layouts/_default/single.html',
  `${head}<article><h1>{{ .Title }}</h1><p>{{ .Params.dek }}</p>{{ range .Params.tags }}<a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}{{ .Content }}</article></body></html>`,
);
write(
  'layouts/_default/list.html',
  `${head}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<article><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p>{{ .Params.dek }}</p></article>{{ end }}{{ template "_internal/pagination.html" . }}</body></html>`,
);
for (let i = 0; i < n; i++) {
  const s = sections[i % sections.length];
  const date = new Date(Date.parse('2026-11-28T12:00:00Z') - i * 37 * 60_000).toISOString();
  const body = Array.from({ length: 7 }, (_, k) => `${w(i + k, 28)}. ${w(i * 3 + k, 22)}.`).join('\n\n');
  write(
    `content/${s}/story-${i}.md`,
    `---\ntitle: "${w(i, 8)} (${i})"\ndate: ${date}\ndek: "${w(i + 1, 16)}"\ntags: ["topic-${(i * 7) % 300}", "topic-${(i * 7 + 101) % 300}", "topic-${(i * 7 + 202) % 300}"]\nauthors: ["author-${i % 40}"]\n---\n\n${body}\n\n## ${w(i, 5)}\n\n${w(i + 99, 30)}.\n`,
  );
}
console.log(`wrote ${n} stories to ${dir}`);
