/* tslint:disable */
/* eslint-disable */
// this is an auto generated file. This will be overwritten

import * as APITypes from "../API";
type GeneratedQuery<InputType, OutputType> = string & {
  __generatedQueryInput: InputType;
  __generatedQueryOutput: OutputType;
};

export const getOpenChat = /* GraphQL */ `query GetOpenChat($id: ID!) {
  getOpenChat(id: $id) {
    id
    channel
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedQuery<
  APITypes.GetOpenChatQueryVariables,
  APITypes.GetOpenChatQuery
>;
export const listOpenChats = /* GraphQL */ `query ListOpenChats(
  $filter: ModelOpenChatFilterInput
  $limit: Int
  $nextToken: String
) {
  listOpenChats(filter: $filter, limit: $limit, nextToken: $nextToken) {
    items {
      id
      channel
      message
      authorName
      createdAt
      updatedAt
      __typename
    }
    nextToken
    __typename
  }
}
` as GeneratedQuery<
  APITypes.ListOpenChatsQueryVariables,
  APITypes.ListOpenChatsQuery
>;
export const openChatsByChannel = /* GraphQL */ `query OpenChatsByChannel(
  $channel: String!
  $createdAt: ModelStringKeyConditionInput
  $sortDirection: ModelSortDirection
  $filter: ModelOpenChatFilterInput
  $limit: Int
  $nextToken: String
) {
  openChatsByChannel(
    channel: $channel
    createdAt: $createdAt
    sortDirection: $sortDirection
    filter: $filter
    limit: $limit
    nextToken: $nextToken
  ) {
    items {
      id
      channel
      message
      authorName
      createdAt
      updatedAt
      __typename
    }
    nextToken
    __typename
  }
}
` as GeneratedQuery<
  APITypes.OpenChatsByChannelQueryVariables,
  APITypes.OpenChatsByChannelQuery
>;
export const getRoomChat = /* GraphQL */ `query GetRoomChat($id: ID!) {
  getRoomChat(id: $id) {
    id
    roomName
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedQuery<
  APITypes.GetRoomChatQueryVariables,
  APITypes.GetRoomChatQuery
>;
export const listRoomChats = /* GraphQL */ `query ListRoomChats(
  $filter: ModelRoomChatFilterInput
  $limit: Int
  $nextToken: String
) {
  listRoomChats(filter: $filter, limit: $limit, nextToken: $nextToken) {
    items {
      id
      roomName
      message
      authorName
      createdAt
      updatedAt
      __typename
    }
    nextToken
    __typename
  }
}
` as GeneratedQuery<
  APITypes.ListRoomChatsQueryVariables,
  APITypes.ListRoomChatsQuery
>;
export const roomChatsByRoomName = /* GraphQL */ `query RoomChatsByRoomName(
  $roomName: String!
  $createdAt: ModelStringKeyConditionInput
  $sortDirection: ModelSortDirection
  $filter: ModelRoomChatFilterInput
  $limit: Int
  $nextToken: String
) {
  roomChatsByRoomName(
    roomName: $roomName
    createdAt: $createdAt
    sortDirection: $sortDirection
    filter: $filter
    limit: $limit
    nextToken: $nextToken
  ) {
    items {
      id
      roomName
      message
      authorName
      createdAt
      updatedAt
      __typename
    }
    nextToken
    __typename
  }
}
` as GeneratedQuery<
  APITypes.RoomChatsByRoomNameQueryVariables,
  APITypes.RoomChatsByRoomNameQuery
>;
export const getCloseRoomChat = /* GraphQL */ `query GetCloseRoomChat($id: ID!) {
  getCloseRoomChat(id: $id) {
    id
    roomName
    message
    owner
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedQuery<
  APITypes.GetCloseRoomChatQueryVariables,
  APITypes.GetCloseRoomChatQuery
>;
export const listCloseRoomChats = /* GraphQL */ `query ListCloseRoomChats(
  $filter: ModelCloseRoomChatFilterInput
  $limit: Int
  $nextToken: String
) {
  listCloseRoomChats(filter: $filter, limit: $limit, nextToken: $nextToken) {
    items {
      id
      roomName
      message
      owner
      authorName
      createdAt
      updatedAt
      __typename
    }
    nextToken
    __typename
  }
}
` as GeneratedQuery<
  APITypes.ListCloseRoomChatsQueryVariables,
  APITypes.ListCloseRoomChatsQuery
>;
export const closeRoomChatsByRoomName = /* GraphQL */ `query CloseRoomChatsByRoomName(
  $roomName: String!
  $createdAt: ModelStringKeyConditionInput
  $sortDirection: ModelSortDirection
  $filter: ModelCloseRoomChatFilterInput
  $limit: Int
  $nextToken: String
) {
  closeRoomChatsByRoomName(
    roomName: $roomName
    createdAt: $createdAt
    sortDirection: $sortDirection
    filter: $filter
    limit: $limit
    nextToken: $nextToken
  ) {
    items {
      id
      roomName
      message
      owner
      authorName
      createdAt
      updatedAt
      __typename
    }
    nextToken
    __typename
  }
}
` as GeneratedQuery<
  APITypes.CloseRoomChatsByRoomNameQueryVariables,
  APITypes.CloseRoomChatsByRoomNameQuery
>;
export const getRoom = /* GraphQL */ `query GetRoom($name: ID!) {
  getRoom(name: $name) {
    name
    kind
    lastMessageAt
    lastMessagePreview
    __typename
  }
}
` as GeneratedQuery<APITypes.GetRoomQueryVariables, APITypes.GetRoomQuery>;
export const roomsByActivity = /* GraphQL */ `query RoomsByActivity(
  $kind: String!
  $lastMessageAt: ModelStringKeyConditionInput
  $sortDirection: ModelSortDirection
  $filter: ModelRoomFilterInput
  $limit: Int
  $nextToken: String
) {
  roomsByActivity(
    kind: $kind
    lastMessageAt: $lastMessageAt
    sortDirection: $sortDirection
    filter: $filter
    limit: $limit
    nextToken: $nextToken
  ) {
    items {
      name
      kind
      lastMessageAt
      lastMessagePreview
      __typename
    }
    nextToken
    __typename
  }
}
` as GeneratedQuery<
  APITypes.RoomsByActivityQueryVariables,
  APITypes.RoomsByActivityQuery
>;
export const getTeamChat = /* GraphQL */ `query GetTeamChat($id: ID!) {
  getTeamChat(id: $id) {
    id
    team
    message
    owner
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedQuery<
  APITypes.GetTeamChatQueryVariables,
  APITypes.GetTeamChatQuery
>;
export const listTeamChats = /* GraphQL */ `query ListTeamChats(
  $filter: ModelTeamChatFilterInput
  $limit: Int
  $nextToken: String
) {
  listTeamChats(filter: $filter, limit: $limit, nextToken: $nextToken) {
    items {
      id
      team
      message
      owner
      authorName
      createdAt
      updatedAt
      __typename
    }
    nextToken
    __typename
  }
}
` as GeneratedQuery<
  APITypes.ListTeamChatsQueryVariables,
  APITypes.ListTeamChatsQuery
>;
export const teamChatsByTeam = /* GraphQL */ `query TeamChatsByTeam(
  $team: String!
  $createdAt: ModelStringKeyConditionInput
  $sortDirection: ModelSortDirection
  $filter: ModelTeamChatFilterInput
  $limit: Int
  $nextToken: String
) {
  teamChatsByTeam(
    team: $team
    createdAt: $createdAt
    sortDirection: $sortDirection
    filter: $filter
    limit: $limit
    nextToken: $nextToken
  ) {
    items {
      id
      team
      message
      owner
      authorName
      createdAt
      updatedAt
      __typename
    }
    nextToken
    __typename
  }
}
` as GeneratedQuery<
  APITypes.TeamChatsByTeamQueryVariables,
  APITypes.TeamChatsByTeamQuery
>;
