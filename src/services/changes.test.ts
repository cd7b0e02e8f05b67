// The "something changed" store: a mark is taken once, by the page whose key it is.
import { markChanged, takeChanged } from './changes'

test('a page finds its key marked once, and other keys untouched', () => {
  expect(takeChanged('volunteer-home')).toBe(false)
  markChanged('volunteer-home', 'volunteer-hours')
  expect(takeChanged('volunteer-home')).toBe(true)
  expect(takeChanged('volunteer-home')).toBe(false)
  expect(takeChanged('volunteer-hours')).toBe(true)
  markChanged('registrations')
  markChanged('registrations')
  expect(takeChanged('registrations')).toBe(true)
  expect(takeChanged('registrations')).toBe(false)
})
