import { useE2eRun } from './support/e2eRun'
import { openChatScenario } from './scenarios/openChat'
import { roomChatScenario } from './scenarios/roomChat'
import { roomPresenceScenario } from './scenarios/roomPresence'
import { closedChatScenario } from './scenarios/closedChat'
import { badInputScenario } from './scenarios/badInput'
import { outageScenario } from './scenarios/outage'
import { sessionScenario } from './scenarios/session'
import { contentSecurityPolicyScenario } from './scenarios/contentSecurityPolicy'
import { autoScrollScenario } from './scenarios/autoScroll'
import { lookAndFeelScenario } from './scenarios/lookAndFeel'
import { accessibilityScenario } from './scenarios/accessibility'
import { teamChatScenario } from './scenarios/teamChat'

// One file for the whole suite, so the run (one backend, one production build, one Chromium) is set up
// once: Vitest isolates test files from each other. Each scenario lives in ./scenarios and opens its own
// browser contexts, one per person.
const run = useE2eRun()

openChatScenario(run)
roomChatScenario(run)
roomPresenceScenario(run)
closedChatScenario(run)
badInputScenario(run)
autoScrollScenario(run)
lookAndFeelScenario(run)
outageScenario(run)
sessionScenario(run)
teamChatScenario(run)
contentSecurityPolicyScenario(run)
accessibilityScenario(run)
