export { ParametersTab } from './components/parameters-tab';
export { ChangesTab } from './components/changes-tab';
