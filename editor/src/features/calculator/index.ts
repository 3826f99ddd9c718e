export { CalculatorTab } from './components/calculator-tab';
