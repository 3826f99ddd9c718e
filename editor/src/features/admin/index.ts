export { UsersPage } from './components/users-page';
export { ApiKeysPage } from './components/api-keys-page';
