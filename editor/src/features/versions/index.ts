export { RulesetsPage } from './components/rulesets-page';
export { VersionsPage } from './components/versions-page';
