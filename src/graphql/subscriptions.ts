/* tslint:disable */
/* eslint-disable */
// this is an auto generated file. This will be overwritten

import * as APITypes from "../API";
type GeneratedSubscription<InputType, OutputType> = string & {
  __generatedSubscriptionInput: InputType;
  __generatedSubscriptionOutput: OutputType;
};

export const onCreateCloseRoomChat = /* GraphQL */ `subscription OnCreateCloseRoomChat {
  onCreateCloseRoomChat {
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
` as GeneratedSubscription<
  APITypes.OnCreateCloseRoomChatSubscriptionVariables,
  APITypes.OnCreateCloseRoomChatSubscription
>;
export const onCreateRoomChatByRoomName = /* GraphQL */ `subscription OnCreateRoomChatByRoomName($roomName: String!) {
  onCreateRoomChatByRoomName(roomName: $roomName) {
    id
    roomName
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnCreateRoomChatByRoomNameSubscriptionVariables,
  APITypes.OnCreateRoomChatByRoomNameSubscription
>;
export const onCreateCloseRoomChatByRoomName = /* GraphQL */ `subscription OnCreateCloseRoomChatByRoomName($roomName: String!) {
  onCreateCloseRoomChatByRoomName(roomName: $roomName) {
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
` as GeneratedSubscription<
  APITypes.OnCreateCloseRoomChatByRoomNameSubscriptionVariables,
  APITypes.OnCreateCloseRoomChatByRoomNameSubscription
>;
export const onUpdateCloseRoomChatByRoomName = /* GraphQL */ `subscription OnUpdateCloseRoomChatByRoomName($roomName: String!) {
  onUpdateCloseRoomChatByRoomName(roomName: $roomName) {
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
` as GeneratedSubscription<
  APITypes.OnUpdateCloseRoomChatByRoomNameSubscriptionVariables,
  APITypes.OnUpdateCloseRoomChatByRoomNameSubscription
>;
export const onDeleteCloseRoomChatByRoomName = /* GraphQL */ `subscription OnDeleteCloseRoomChatByRoomName($roomName: String!) {
  onDeleteCloseRoomChatByRoomName(roomName: $roomName) {
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
` as GeneratedSubscription<
  APITypes.OnDeleteCloseRoomChatByRoomNameSubscriptionVariables,
  APITypes.OnDeleteCloseRoomChatByRoomNameSubscription
>;
export const onTouchRoom = /* GraphQL */ `subscription OnTouchRoom {
  onTouchRoom {
    name
    kind
    lastMessageAt
    lastMessagePreview
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnTouchRoomSubscriptionVariables,
  APITypes.OnTouchRoomSubscription
>;
export const onPresenceInRoom = /* GraphQL */ `subscription OnPresenceInRoom($roomName: String!) {
  onPresenceInRoom(roomName: $roomName) {
    roomName
    nickname
    clientId
    state
    at
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnPresenceInRoomSubscriptionVariables,
  APITypes.OnPresenceInRoomSubscription
>;
export const onTypingInRoom = /* GraphQL */ `subscription OnTypingInRoom($roomName: String!) {
  onTypingInRoom(roomName: $roomName) {
    roomName
    nickname
    clientId
    at
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnTypingInRoomSubscriptionVariables,
  APITypes.OnTypingInRoomSubscription
>;
export const onCreateTeamChat = /* GraphQL */ `subscription OnCreateTeamChat {
  onCreateTeamChat {
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
` as GeneratedSubscription<
  APITypes.OnCreateTeamChatSubscriptionVariables,
  APITypes.OnCreateTeamChatSubscription
>;
export const onCreateTeamChatByTeam = /* GraphQL */ `subscription OnCreateTeamChatByTeam($team: String!) {
  onCreateTeamChatByTeam(team: $team) {
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
` as GeneratedSubscription<
  APITypes.OnCreateTeamChatByTeamSubscriptionVariables,
  APITypes.OnCreateTeamChatByTeamSubscription
>;
export const onUpdateTeamChatByTeam = /* GraphQL */ `subscription OnUpdateTeamChatByTeam($team: String!) {
  onUpdateTeamChatByTeam(team: $team) {
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
` as GeneratedSubscription<
  APITypes.OnUpdateTeamChatByTeamSubscriptionVariables,
  APITypes.OnUpdateTeamChatByTeamSubscription
>;
export const onDeleteTeamChatByTeam = /* GraphQL */ `subscription OnDeleteTeamChatByTeam($team: String!) {
  onDeleteTeamChatByTeam(team: $team) {
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
` as GeneratedSubscription<
  APITypes.OnDeleteTeamChatByTeamSubscriptionVariables,
  APITypes.OnDeleteTeamChatByTeamSubscription
>;
export const onAnnouncement = /* GraphQL */ `subscription OnAnnouncement($prefix: String!, $onlyGroups: [String!]!) {
  onAnnouncement(prefix: $prefix, onlyGroups: $onlyGroups) {
    id
    topic
    data
    groups
    publishedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnAnnouncementSubscriptionVariables,
  APITypes.OnAnnouncementSubscription
>;
export const onCreateOpenChat = /* GraphQL */ `subscription OnCreateOpenChat($filter: ModelSubscriptionOpenChatFilterInput) {
  onCreateOpenChat(filter: $filter) {
    id
    channel
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnCreateOpenChatSubscriptionVariables,
  APITypes.OnCreateOpenChatSubscription
>;
export const onUpdateOpenChat = /* GraphQL */ `subscription OnUpdateOpenChat($filter: ModelSubscriptionOpenChatFilterInput) {
  onUpdateOpenChat(filter: $filter) {
    id
    channel
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnUpdateOpenChatSubscriptionVariables,
  APITypes.OnUpdateOpenChatSubscription
>;
export const onDeleteOpenChat = /* GraphQL */ `subscription OnDeleteOpenChat($filter: ModelSubscriptionOpenChatFilterInput) {
  onDeleteOpenChat(filter: $filter) {
    id
    channel
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnDeleteOpenChatSubscriptionVariables,
  APITypes.OnDeleteOpenChatSubscription
>;
export const onCreateRoomChat = /* GraphQL */ `subscription OnCreateRoomChat($filter: ModelSubscriptionRoomChatFilterInput) {
  onCreateRoomChat(filter: $filter) {
    id
    roomName
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnCreateRoomChatSubscriptionVariables,
  APITypes.OnCreateRoomChatSubscription
>;
export const onUpdateRoomChat = /* GraphQL */ `subscription OnUpdateRoomChat($filter: ModelSubscriptionRoomChatFilterInput) {
  onUpdateRoomChat(filter: $filter) {
    id
    roomName
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnUpdateRoomChatSubscriptionVariables,
  APITypes.OnUpdateRoomChatSubscription
>;
export const onDeleteRoomChat = /* GraphQL */ `subscription OnDeleteRoomChat($filter: ModelSubscriptionRoomChatFilterInput) {
  onDeleteRoomChat(filter: $filter) {
    id
    roomName
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedSubscription<
  APITypes.OnDeleteRoomChatSubscriptionVariables,
  APITypes.OnDeleteRoomChatSubscription
>;
export const onUpdateCloseRoomChat = /* GraphQL */ `subscription OnUpdateCloseRoomChat(
  $filter: ModelSubscriptionCloseRoomChatFilterInput
  $owner: String
) {
  onUpdateCloseRoomChat(filter: $filter, owner: $owner) {
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
` as GeneratedSubscription<
  APITypes.OnUpdateCloseRoomChatSubscriptionVariables,
  APITypes.OnUpdateCloseRoomChatSubscription
>;
export const onDeleteCloseRoomChat = /* GraphQL */ `subscription OnDeleteCloseRoomChat(
  $filter: ModelSubscriptionCloseRoomChatFilterInput
  $owner: String
) {
  onDeleteCloseRoomChat(filter: $filter, owner: $owner) {
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
` as GeneratedSubscription<
  APITypes.OnDeleteCloseRoomChatSubscriptionVariables,
  APITypes.OnDeleteCloseRoomChatSubscription
>;
export const onUpdateTeamChat = /* GraphQL */ `subscription OnUpdateTeamChat($filter: ModelSubscriptionTeamChatFilterInput) {
  onUpdateTeamChat(filter: $filter) {
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
` as GeneratedSubscription<
  APITypes.OnUpdateTeamChatSubscriptionVariables,
  APITypes.OnUpdateTeamChatSubscription
>;
export const onDeleteTeamChat = /* GraphQL */ `subscription OnDeleteTeamChat($filter: ModelSubscriptionTeamChatFilterInput) {
  onDeleteTeamChat(filter: $filter) {
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
` as GeneratedSubscription<
  APITypes.OnDeleteTeamChatSubscriptionVariables,
  APITypes.OnDeleteTeamChatSubscription
>;
