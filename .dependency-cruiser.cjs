// The layers of src/, bottom first: a folder may import only from folders before it in this list.
// Entry points at the top of src/ (index.ts, cli.ts, ...) may import anything.
const LAYERS = [
  'generated',
  'core',
  'client',
  'contract',
  'config',
  'logging',
  'wire',
  'generator',
  'fixture-files',
  'state',
  'engine',
  'report',
  'server',
  'admin',
  'library',
  'drift',
  'cli',
];

const upward = LAYERS.map((layer, index) => ({
  name: `layer-${layer}`,
  comment: `src/${layer}/ may import only from the layers below it: ${LAYERS.slice(0, index).join(', ') || 'none'}.`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(index + 1).join('|') || '$^'})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules must not depend on each other in a cycle.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unknown-folder',
      comment: `Every module of src/ sits in a layer (${LAYERS.join(', ')}) or at the top of src/.`,
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: `^src/(${LAYERS.join('|')})/` },
      to: {},
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
