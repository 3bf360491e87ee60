/* tslint:disable */
/* eslint-disable */
// this is an auto generated file. This will be overwritten

import * as APITypes from "../API";
type GeneratedMutation<InputType, OutputType> = string & {
  __generatedMutationInput: InputType;
  __generatedMutationOutput: OutputType;
};

export const touchRoom = /* GraphQL */ `mutation TouchRoom($roomName: String!) {
  touchRoom(roomName: $roomName) {
    name
    kind
    lastMessageAt
    lastMessagePreview
    __typename
  }
}
` as GeneratedMutation<
  APITypes.TouchRoomMutationVariables,
  APITypes.TouchRoomMutation
>;
export const announcePresence = /* GraphQL */ `mutation AnnouncePresence(
  $roomName: String!
  $nickname: String!
  $clientId: String!
  $state: PresenceState!
) {
  announcePresence(
    roomName: $roomName
    nickname: $nickname
    clientId: $clientId
    state: $state
  ) {
    roomName
    nickname
    clientId
    state
    at
    __typename
  }
}
` as GeneratedMutation<
  APITypes.AnnouncePresenceMutationVariables,
  APITypes.AnnouncePresenceMutation
>;
export const sendTyping = /* GraphQL */ `mutation SendTyping(
  $roomName: String!
  $nickname: String!
  $clientId: String!
) {
  sendTyping(roomName: $roomName, nickname: $nickname, clientId: $clientId) {
    roomName
    nickname
    clientId
    at
    __typename
  }
}
` as GeneratedMutation<
  APITypes.SendTypingMutationVariables,
  APITypes.SendTypingMutation
>;
export const createTeamChat = /* GraphQL */ `mutation CreateTeamChat($input: CreateTeamChatInput!) {
  createTeamChat(input: $input) {
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
` as GeneratedMutation<
  APITypes.CreateTeamChatMutationVariables,
  APITypes.CreateTeamChatMutation
>;
export const publishAnnouncement = /* GraphQL */ `mutation PublishAnnouncement(
  $topic: String!
  $data: AWSJSON!
  $groups: [String!]!
) {
  publishAnnouncement(topic: $topic, data: $data, groups: $groups) {
    id
    topic
    data
    groups
    publishedAt
    __typename
  }
}
` as GeneratedMutation<
  APITypes.PublishAnnouncementMutationVariables,
  APITypes.PublishAnnouncementMutation
>;
export const createCloseRoomChat = /* GraphQL */ `mutation CreateCloseRoomChat($input: CreateCloseRoomChatInput!) {
  createCloseRoomChat(input: $input) {
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
` as GeneratedMutation<
  APITypes.CreateCloseRoomChatMutationVariables,
  APITypes.CreateCloseRoomChatMutation
>;
export const claimDisplayName = /* GraphQL */ `mutation ClaimDisplayName {
  claimDisplayName {
    displayName
    __typename
  }
}
` as GeneratedMutation<
  APITypes.ClaimDisplayNameMutationVariables,
  APITypes.ClaimDisplayNameMutation
>;
export const createOpenChat = /* GraphQL */ `mutation CreateOpenChat(
  $input: CreateOpenChatInput!
  $condition: ModelOpenChatConditionInput
) {
  createOpenChat(input: $input, condition: $condition) {
    id
    channel
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedMutation<
  APITypes.CreateOpenChatMutationVariables,
  APITypes.CreateOpenChatMutation
>;
export const updateOpenChat = /* GraphQL */ `mutation UpdateOpenChat(
  $input: UpdateOpenChatInput!
  $condition: ModelOpenChatConditionInput
) {
  updateOpenChat(input: $input, condition: $condition) {
    id
    channel
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedMutation<
  APITypes.UpdateOpenChatMutationVariables,
  APITypes.UpdateOpenChatMutation
>;
export const deleteOpenChat = /* GraphQL */ `mutation DeleteOpenChat(
  $input: DeleteOpenChatInput!
  $condition: ModelOpenChatConditionInput
) {
  deleteOpenChat(input: $input, condition: $condition) {
    id
    channel
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedMutation<
  APITypes.DeleteOpenChatMutationVariables,
  APITypes.DeleteOpenChatMutation
>;
export const createRoomChat = /* GraphQL */ `mutation CreateRoomChat(
  $input: CreateRoomChatInput!
  $condition: ModelRoomChatConditionInput
) {
  createRoomChat(input: $input, condition: $condition) {
    id
    roomName
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedMutation<
  APITypes.CreateRoomChatMutationVariables,
  APITypes.CreateRoomChatMutation
>;
export const updateRoomChat = /* GraphQL */ `mutation UpdateRoomChat(
  $input: UpdateRoomChatInput!
  $condition: ModelRoomChatConditionInput
) {
  updateRoomChat(input: $input, condition: $condition) {
    id
    roomName
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedMutation<
  APITypes.UpdateRoomChatMutationVariables,
  APITypes.UpdateRoomChatMutation
>;
export const deleteRoomChat = /* GraphQL */ `mutation DeleteRoomChat(
  $input: DeleteRoomChatInput!
  $condition: ModelRoomChatConditionInput
) {
  deleteRoomChat(input: $input, condition: $condition) {
    id
    roomName
    message
    authorName
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedMutation<
  APITypes.DeleteRoomChatMutationVariables,
  APITypes.DeleteRoomChatMutation
>;
export const updateCloseRoomChat = /* GraphQL */ `mutation UpdateCloseRoomChat(
  $input: UpdateCloseRoomChatInput!
  $condition: ModelCloseRoomChatConditionInput
) {
  updateCloseRoomChat(input: $input, condition: $condition) {
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
` as GeneratedMutation<
  APITypes.UpdateCloseRoomChatMutationVariables,
  APITypes.UpdateCloseRoomChatMutation
>;
export const deleteCloseRoomChat = /* GraphQL */ `mutation DeleteCloseRoomChat(
  $input: DeleteCloseRoomChatInput!
  $condition: ModelCloseRoomChatConditionInput
) {
  deleteCloseRoomChat(input: $input, condition: $condition) {
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
` as GeneratedMutation<
  APITypes.DeleteCloseRoomChatMutationVariables,
  APITypes.DeleteCloseRoomChatMutation
>;
export const updateTeamChat = /* GraphQL */ `mutation UpdateTeamChat(
  $input: UpdateTeamChatInput!
  $condition: ModelTeamChatConditionInput
) {
  updateTeamChat(input: $input, condition: $condition) {
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
` as GeneratedMutation<
  APITypes.UpdateTeamChatMutationVariables,
  APITypes.UpdateTeamChatMutation
>;
export const deleteTeamChat = /* GraphQL */ `mutation DeleteTeamChat(
  $input: DeleteTeamChatInput!
  $condition: ModelTeamChatConditionInput
) {
  deleteTeamChat(input: $input, condition: $condition) {
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
` as GeneratedMutation<
  APITypes.DeleteTeamChatMutationVariables,
  APITypes.DeleteTeamChatMutation
>;
