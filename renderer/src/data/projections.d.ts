/** Every projection the store maintains, in one list so append and rebuild agree. */
import type { AnyProjection } from '../../../shared/events/projection';
export declare const ALL_PROJECTIONS: AnyProjection[];
