/** The bundle as GET /api/bundle-records/{bundleNo} returns it, for the desk pages. */
import type { BundleStaffView } from '../../../../functions/domain/bundles/views.ts';

export type BundleView = BundleStaffView;
