// Test people: valid resident ID numbers (GB 11643) and registration forms.
import { idCheckChar } from '../../types/personal'
import { PRIVACY_VERSION, SENSITIVE_CONSENT_VERSION, type RuralYouthForm, type VolunteerForm } from '../../types/registration'

/** A valid ID number: region (6 digits), birth date (YYYYMMDD), a 3-digit sequence (odd: male). */
export function idNumber(region = '441802', birth = '20010315', seq = '123'): string {
  const first17 = `${region}${birth}${seq}`
  return first17 + idCheckChar(first17)
}

let counter = 100
/** A fresh valid ID number each call (the birth date moves on a day every 900 numbers). */
export function freshIdNumber(birth = '20000101'): string {
  counter += 1
  const day = new Date(Date.UTC(Number(birth.slice(0, 4)), Number(birth.slice(4, 6)) - 1, Number(birth.slice(6, 8))) + Math.floor(counter / 900) * 86_400_000)
  const born = day.toISOString().slice(0, 10).replace(/-/g, '')
  return idNumber('441802', born, String(100 + (counter % 900)).padStart(3, '0'))
}

export function volunteerForm(overrides: Partial<VolunteerForm> = {}): VolunteerForm {
  return {
    name: '林小青',
    idNumber: freshIdNumber(),
    mobile: '13800138000',
    countyCode: '441802',
    townshipCode: '441802006',
    school: '华南农业大学',
    major: '农村区域发展',
    graduationYear: 2024,
    politicalStatus: '共青团员',
    skills: ['电子商务', '直播带货'],
    termStart: '2025-07-01',
    termEnd: '2027-06-30',
    privacyVersion: PRIVACY_VERSION,
    sensitiveVersion: SENSITIVE_CONSENT_VERSION,
    ...overrides,
  }
}

export function ruralYouthForm(overrides: Partial<RuralYouthForm> = {}): RuralYouthForm {
  return {
    name: '黄家明',
    idNumber: freshIdNumber('19980808'),
    mobile: '13912345678',
    countyCode: '441881',
    townshipCode: '441881001',
    occupation: '英德红茶种植与电商销售',
    privacyVersion: PRIVACY_VERSION,
    sensitiveVersion: SENSITIVE_CONSENT_VERSION,
    ...overrides,
  }
}
