// The web build's reader of the staff member's own position (see here.ts).
import { LocationProblem, readLocation, type Reading } from '@/services/location'

export const readHere: (() => Promise<Reading>) | null = readLocation

export const hereProblem = (err: unknown): string => (err instanceof LocationProblem ? `${err.title}：${err.detail}` : '暂时无法定位，请稍后再试')
