// Demo data (data/demo.json): the personas the development gateway offers, and seeding them
// into a local cloud. The local cloud holds it (localcloud/demo.ts), as it seeds it itself on
// `npm run localcloud -- serve --demo`; `npm start`, the benchmark and the tests take it from
// here. Scripts depend on the local cloud, never the other way round (test/boundaries.test.ts).
export { demo, DEMO_CONTEST_ID, demoCityAdmins, gatewayPersonas, seedDemo, seedShowcase, type DemoData, type DemoPersona } from '../localcloud/demo'
