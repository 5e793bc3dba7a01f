import { graphqlDocument } from '../lib/graphql-document';

export type Role = 'ADMIN' | 'DATA_SCIENTIST' | 'ANNOTATOR' | 'READER';

/** The signed-in user, as the header shows them. */
export type SignedInViewer = { role: Role; user: { id: string; name: string; email: string } };

export const meQuery = graphqlDocument<{ me: SignedInViewer }>(`
  query Me {
    me { role user { id name email } }
  }
`);

/** Opens a web session; the API answers with the session cookie. */
export const signInMutation = graphqlDocument<
  { signIn: SignedInViewer },
  { email: string; password: string }
>(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) { role user { id name email } }
  }
`);

export const signOutMutation = graphqlDocument<{ signOut: boolean }>(`
  mutation SignOut {
    signOut
  }
`);
