// The domain boundaries of src/, checked by `npm run check:boundaries` (CI runs it). The rules are
// explained for people in docs/architecture.md ("Boundaries"); this file is their enforcement.
// Type-only imports (`import type`) are not counted: they vanish at run time, and every domain
// names the Context type of the composition root.

/**
 * Layers, lowest first. A folder (or root file) imports only from the layers below it: never
 * upward, never sideways within a layer — except the last layer, the composition root, whose
 * parts (the app, the context, the server, the commands, the test harness) assemble each other.
 * Keep in step with docs/architecture.md.
 */
const LAYERS = [
  ['shared'],
  ['lib'],
  ['db', 'net'],
  ['errors', 'config'],
  ['accounts', 'cache'],
  ['content'],
  // Editions: languages and addresses; a translation is a story (content), pages read them (site).
  ['editions'],
  ['media'],
  ['search', 'audience', 'knowledge'],
  ['fronts', 'live'],
  ['distribution', 'mirrors'],
  ['site'],
  ['export', 'http'],
  // Wire ingest reuses the importer's HTML converter; the newsroom API and jobs use ingest.
  ['import'],
  ['ingest'],
  ['admin', 'jobs', 'demo', 'backup'],
  ['app', 'context', 'server', 'cli', 'test'],
];

/** `src/<folder>/…` or `src/<file>.ts` as a path pattern. */
const unit = (name) => `^src/(${name}/|${name}\\.tsx?$)`;
const group = (names) => `^src/(${names.map((n) => `${n}/|${n}\\.tsx?$`).join('|')})`;

const ROOT = LAYERS.length - 1;

// A worker thread's entry file is the composition root of its thread: it builds its own context.
const WORKER_ENTRY = '-worker\\.ts$';

const layerRules = LAYERS.flatMap((layer, i) => {
  const above = LAYERS.slice(i + 1).flat();
  const sideways = (name) => layer.filter((n) => n !== name);
  if (i === ROOT) return []; // nothing is above the composition root, and its parts may meet
  return layer.map((name) => ({
    name: `layer-${name}`,
    severity: 'error',
    comment: `${name} may import only from layers below it (docs/architecture.md, "Boundaries")`,
    from: { path: unit(name), pathNot: ['\\.test\\.tsx?$', WORKER_ENTRY] },
    to: {
      path: group([...above, ...sideways(name)]),
      dependencyTypesNot: ['type-only'],
    },
  }));
});

/** Domains whose folder has a public face: other folders import its index.ts, not its files. */
const FACES = [
  'accounts',
  'content',
  'editions',
  'media',
  'search',
  'audience',
  'fronts',
  'distribution',
  'mirrors',
  'site',
  'cache',
  'export',
  'backup',
  'import',
  'ingest',
  'knowledge',
  'live',
];

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'layer-unlisted',
      severity: 'error',
      comment: 'every folder of src/ has a layer: add a new one to LAYERS and to docs/architecture.md',
      from: { path: '^src/', pathNot: [group(LAYERS.flat()), '\\.test\\.tsx?$'] },
      to: { path: '^src/' },
    },
    ...FACES.map((name) => ({
      name: `face-${name}`,
      severity: 'error',
      comment: `outside src/${name}, import its public face src/${name}/index.ts`,
      from: { path: '^src/', pathNot: [`^src/${name}/`, '\\.test\\.tsx?$', '^src/test/'] },
      to: { path: `^src/${name}/`, pathNot: `^src/${name}/index\\.tsx?$` },
    })),
    {
      name: 'shared-is-portable',
      severity: 'error',
      comment: 'src/shared runs in the browser too: no node: modules, nothing outside src/shared',
      from: { path: '^src/shared/', pathNot: '\\.test\\.tsx?$' },
      to: { pathNot: '^src/shared/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'app-uses-shared-only',
      severity: 'error',
      comment: 'the newsroom app reaches the server only through src/shared (@shared/…)',
      from: { path: '^web/admin/src/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'a cycle between modules; break it with a lower module both can import',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^dist/', '/dist/', '^src/demo/data/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'default', 'node'] },
  },
};
