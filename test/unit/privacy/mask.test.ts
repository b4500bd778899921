import { describe, expect, it } from 'vitest';
import {
  maskIdNumber,
  maskName,
  maskPersonalData,
  maskPhone,
  maskSecret,
  maskText,
} from '../../../functions/domain/privacy.ts';

describe('masking personal data', () => {
  it('keeps the first two and last two characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('11**************2X');
  });

  it('masks a mobile number as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('138-1234-1234')).toBe('138****1234');
  });

  it('masks a mobile number with its country code the same way, so an E.164 number leaks nothing more', () => {
    expect(maskPhone('+8613812341234')).toBe('138****1234');
    expect(maskText('DestinationPhoneNumber +8613812341234 refused')).toBe(
      'DestinationPhoneNumber +86138****1234 refused',
    );
    expect(maskText('{"PhoneNumbers":"8613812341234"}')).toBe('{"PhoneNumbers":"86138****1234"}');
    // A longer run of digits is not a phone.
    expect(maskText('订单 2138123412345')).toBe('订单 2138123412345');
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳修文')).toBe('欧***');
    expect(maskName('王')).toBe('王*');
  });

  it('hides every character of a secret (a booking code), keeping its length', () => {
    expect(maskSecret('K7M2Q9XP')).toBe('********');
  });

  it('finds ID and mobile numbers inside free text', () => {
    expect(maskText('申请人 11010519491231002X，电话 13812341234。')).toBe(
      '申请人 11**************2X，电话 138****1234。',
    );
  });

  it('masks known personal fields deep inside objects and arrays, and leaves other fields alone', () => {
    const masked = maskPersonalData({
      caseNo: 'YC0001-20261127-0001',
      applicant: { applicantName: '张三', idNumber: '11010519491231002X', phone: '13812341234' },
      contacts: [{ contactName: '李四', mobile: '13900001111' }],
      note: '联系 13900001111',
      name: 'HttpProblem',
    });
    expect(masked).toEqual({
      caseNo: 'YC0001-20261127-0001',
      applicant: { applicantName: '张*', idNumber: '11**************2X', phone: '138****1234' },
      contacts: [{ contactName: '李*', mobile: '139****1111' }],
      note: '联系 139****1111',
      name: 'HttpProblem',
    });
  });

  it('never returns the clear value of any known field', () => {
    const id = '11010519491231002X';
    expect(JSON.stringify(maskPersonalData({ residentId: id, list: [id] }))).not.toContain(id);
  });
});
