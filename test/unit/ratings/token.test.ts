import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localPersonalDataCipher } from '../../../functions/store/personal-data/cipher.ts';
import { isRatingToken, ratingToken, ratingTokenLength } from '../../../functions/store/ratings/ratings.ts';

describe('the rating token', () => {
  const cipher = localPersonalDataCipher(randomBytes(32));

  it('is deterministic per case, 22 base64url characters, and checks', async () => {
    const token = await ratingToken(cipher, 'YC0001-20261127-0001');
    expect(token).toMatch(new RegExp(`^[A-Za-z0-9_-]{${ratingTokenLength}}$`));
    expect(await ratingToken(cipher, 'YC0001-20261127-0001')).toBe(token);
    expect(await isRatingToken(cipher, 'YC0001-20261127-0001', token)).toBe(true);
  });

  it('refuses a token of another case, another key, a changed character or a truncation', async () => {
    const token = await ratingToken(cipher, 'YC0001-20261127-0001');
    expect(await isRatingToken(cipher, 'YC0001-20261127-0002', token)).toBe(false);
    const other = localPersonalDataCipher(randomBytes(32));
    expect(await isRatingToken(other, 'YC0001-20261127-0001', token)).toBe(false);
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await isRatingToken(cipher, 'YC0001-20261127-0001', flipped)).toBe(false);
    expect(await isRatingToken(cipher, 'YC0001-20261127-0001', token.slice(0, 10))).toBe(false);
    expect(await isRatingToken(cipher, 'YC0001-20261127-0001', '')).toBe(false);
  });
});
