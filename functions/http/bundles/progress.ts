/**
 * The bundle half of the public progress lookup (cases/public-progress): a bundle number with its
 * query code. The lookup's guards, its one 404 and its failure counting stay in that handler, so
 * a bundle number is limited and locked exactly like a case number.
 */
import { centreClocks } from '../../config/centre.ts';
import { type BundlePublicProgress, bundlePublicProgress } from '../../domain/bundles/views.ts';
import { normalizeQueryCode } from '../../domain/cases/case-number.ts';
import { catalogueDepartment } from '../../domain/catalogue/item-lookup.ts';
import { loadBundle, loadParts } from '../../store/bundles/bundles.ts';
import { type PersonalDataCipher, sameDigest } from '../../store/personal-data/cipher.ts';

/** The same salt the case path uses for an unknown number: both paths do the same work. */
const decoySalt = 'decoy-salt-for-unknown-case-numbers';

/** The bundle's public progress, or undefined for an unknown number or a wrong code (one answer). */
export async function bundleProgress(
  tableName: string,
  bundleNo: string,
  queryCode: string,
  cipher: PersonalDataCipher,
): Promise<BundlePublicProgress | undefined> {
  const stored = await loadBundle(tableName, bundleNo);
  const digest = await cipher.digest(
    'query-code',
    `${stored?.queryCodeSalt ?? decoySalt}:${normalizeQueryCode(queryCode)}`,
  );
  if (!stored || !sameDigest(digest, stored.queryCodeHash)) return undefined;
  return bundlePublicProgress(
    stored.record,
    await loadParts(tableName, stored.record),
    (id) => catalogueDepartment(id)?.name ?? id,
    centreClocks(),
  );
}
