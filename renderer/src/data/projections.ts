/** Every projection the store maintains, in one list so append and rebuild agree. */
import type { AnyProjection } from '../../../shared/events/projection';
import { peopleProjection } from '../../../shared/people/profile';

export const ALL_PROJECTIONS: AnyProjection[] = [peopleProjection as unknown as AnyProjection];
