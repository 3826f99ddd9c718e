export { RulesTab } from './components/rules-tab';
export { JsonTab } from './components/json-tab';
