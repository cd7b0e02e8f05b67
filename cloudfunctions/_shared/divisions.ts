// Qingyuan's counties and townships (data/qingyuan-divisions.json), for validating and naming places.
import divisions from '../../data/qingyuan-divisions.json'

export interface Place {
  countyCode: string
  countyName: string
  townshipCode: string
  townshipName: string
}

export const CITY = divisions.city

const townships = new Map<string, Place>()
const counties = new Map<string, string>()
for (const county of divisions.counties) {
  counties.set(county.code, county.name)
  for (const t of county.townships) townships.set(t.code, { countyCode: county.code, countyName: county.name, townshipCode: t.code, townshipName: t.name })
}

export const townshipOf = (code: string): Place | null => townships.get(code) ?? null
export const countyName = (code: string): string | null => counties.get(code) ?? null
export const allCounties = divisions.counties
