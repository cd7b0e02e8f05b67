// Masking personal data for display to anyone but its owner.

/** 13800138000 → 138****8000 */
export function maskMobile(mobile: string): string {
  return /^\d{11}$/.test(mobile) ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : ''
}
