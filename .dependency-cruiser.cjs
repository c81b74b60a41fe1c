/**
 * The allowed import directions of DESIGN.md ("The scan pipeline and the domain
 * model"), checked by dependency-cruiser in `npm run lint`:
 *
 *   cli -> app (pipeline) -> {engine, securityhub, history, reports}
 *   rules -> engine's rule contract, rules/lib, data accessor types
 *   engine -> data;  data -> nothing above it;  errors are leaves
 *   reports (renderers) -> reports/model.ts only;  nothing imports from cli
 *
 * Known violations, in files being rewritten into src/app and src/domain, are
 * recorded in .dependency-cruiser-known-violations.json (see README "Layering").
 * Type-only imports count: a type import is still a dependency a reader follows.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle anywhere: each module can be read, tested and replaced from its dependencies up.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'nothing-imports-cli',
      severity: 'error',
      comment: 'src/cli parses flags, calls the pipeline and prints. Nothing else imports from it (scripts run the built CLI instead).',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'errors-are-leaves',
      severity: 'error',
      comment: 'The error modules import nothing from the project, so every layer may raise and recognise them.',
      from: { path: '^src/(data/)?errors\\.ts$' },
      to: { path: '^(src|rules|reports|bench|demo)/' },
    },
    {
      name: 'data-is-the-bottom-layer',
      severity: 'error',
      comment: 'src/data reads AWS and answers the engine: it imports only itself, the leaf errors and the logger.',
      from: { path: '^src/data/' },
      to: { path: '^(src|rules|reports|bench|demo)/', pathNot: '^src/(data/|io/read-input\\.ts$|errors\\.ts$|log\\.ts$)' },
    },
    {
      name: 'engine-below-the-pipeline',
      severity: 'error',
      comment: 'src/engine evaluates rules over the data layer. It does not know the CLI, the pipeline, the outputs, Security Hub, history or the built-in rules (the CLI hands them over).',
      from: { path: '^src/engine/' },
      to: { path: '^(src/(cli|app|securityhub|history|notify)/|reports/|rules/|bench/|demo/)' },
    },
    {
      name: 'rules-use-the-rule-contract',
      severity: 'error',
      comment: "A rule sees the engine's rule contract (src/engine/rule.ts), rules/lib and the data layer's accessor types and errors: never the CLI, the pipeline, outputs, Security Hub or history.",
      from: { path: '^rules/' },
      to: { path: '^(src|reports|bench|demo)/', pathNot: '^src/(engine/rule\\.ts$|data/)' },
    },
    {
      name: 'renderers-use-the-report-model',
      severity: 'error',
      comment: 'A report renderer is a pure function of the report model: it imports reports/model.ts (and other modules in reports/), and from the core only the pure leaf helpers every format shares: the escaping module, the streaming JSON writer and the OCSF schema constants.',
      from: { path: '^reports/', pathNot: '^reports/model\\.ts$' },
      to: { path: '^(src|rules|bench|demo)/', pathNot: '^src/(io/escape|io/findings-json|asff/ocsf-schema)\\.ts$' },
    },
    {
      name: 'report-model-uses-the-domain',
      severity: 'error',
      comment: 'reports/model.ts is built from the domain module, the engine and ASFF types, the history delta types, the suppression fields of a finding, and the escaping and text-batching modules only.',
      from: { path: '^reports/model\\.ts$' },
      to: { path: '^(src|rules|bench|demo)/', pathNot: '^src/(domain/|engine/|asff/|io/escape\\.ts$|io/batched\\.ts$|history/delta\\.ts$|suppressions/suppressions\\.ts$)' },
    },
    {
      name: 'core-does-not-import-reports',
      severity: 'error',
      comment: 'Outputs are written by the pipeline (src/app, its write-outputs stage) or the CLI; the rest of src/ does not know the report formats.',
      from: { path: '^src/', pathNot: '^src/(cli|app)/' },
      to: { path: '^reports/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve the way Node and TypeScript do for ESM ('./x.js' -> ./x.ts).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    cache: false,
  },
};
