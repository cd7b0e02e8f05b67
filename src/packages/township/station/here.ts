// Reading the staff member's own position for a station's coordinates. Only the web build types
// coordinates (WeChat picks them on its map, around where the phone is), so only the web build
// loads the location reader: here.h5.ts, which Taro takes for h5; this file for WeChat.
import type { Reading } from '@/services/location'

export const readHere: (() => Promise<Reading>) | null = null

export const hereProblem = (_err: unknown): string => '暂时无法定位，请稍后再试'
