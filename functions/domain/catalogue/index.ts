/**
 * The service catalogue's pure core: the item schema, labels, disclosure presets, lint rules and
 * lookups. The bundled catalogue data itself is in ./data.ts (`getCatalogue()`).
 */
export * from './bundles.ts';
export * from './catalogue.ts';
export * from './disclosures.ts';
export * from './labels.ts';
export * from './lint.ts';
export * from './open-data.ts';
export * from './schema.ts';
