export { LoginPage } from './components/login-page';
export { RequireSession } from './components/require-session';
