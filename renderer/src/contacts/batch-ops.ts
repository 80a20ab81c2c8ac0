/** Batches as the screens see them: the pure summary and helpers live in shared/ (the projection folds them). */
export * from '../../../shared/contacts/batch-summary';
