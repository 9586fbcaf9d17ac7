/// <reference types="vite/client" />
import { installCatalogs, type Catalog } from '../../src/i18n/index.js';

/**
 * Every test file starts with every catalogue installed, as the running service has them (the features install
 * theirs when src/features/index.ts is imported): pure tests render cards without building the app.
 * tests/features/index.test.ts checks that the features' catalogues are exactly these files.
 */
const files = import.meta.glob<{ default: Catalog }>('../../src/i18n/catalog/*.ts', { eager: true });
installCatalogs(Object.values(files).map((m) => m.default));
