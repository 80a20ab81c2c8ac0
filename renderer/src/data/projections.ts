/** Every projection the store maintains, in one list so append and rebuild agree (see tables.ts). */
export { ALL_PROJECTIONS } from './tables';
