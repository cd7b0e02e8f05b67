// The browser journeys' test environment: Node's, plus a note of the test that just failed, so the
// journey can keep what each phone showed at that moment (a screenshot and the page's text)
// before it closes them. A flaky step on CI is otherwise a timeout with nothing to look at.
import NodeEnvironment from 'jest-environment-node'
import type { Circus } from '@jest/types'

export default class JourneyEnvironment extends NodeEnvironment {
  async handleTestEvent(event: Circus.Event): Promise<void> {
    if (event.name === 'test_start') this.global.__journeyFailed = false
    if (event.name === 'test_fn_failure') this.global.__journeyFailed = true
  }
}
