export { TestsTab } from './components/tests-tab';
