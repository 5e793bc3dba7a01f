export const baseTypeDefs = /* GraphQL */ `
  "An object with a global id."
  interface Node {
    id: ID!
  }

  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }

  type Query {
    "Any object by its global id."
    node(id: ID!): Node
  }
`;
