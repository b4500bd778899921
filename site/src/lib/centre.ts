/**
 * The centre's identity, address, hours and phones: read from functions/config/centre.json, the
 * one place they are kept (the functions read the same file).
 */
import centreJson from '../../../functions/config/centre.json';

export interface Centre {
  code: string;
  name: string;
  sample: boolean;
  address: string;
  transport: string;
  hours: string;
  phones: { consultation: string; complaint: string };
  disclosurePreset?: string;
}

export const centre: Centre = centreJson;
