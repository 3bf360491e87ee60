/* tslint:disable */
/* eslint-disable */
//  This file was automatically generated and should not be edited.

export type Room = {
  __typename: "Room",
  name: string,
  kind: string,
  lastMessageAt: string,
  lastMessagePreview: string,
};

export enum PresenceState {
  HERE = "HERE",
  LEFT = "LEFT",
}


export type RoomPresence = {
  __typename: "RoomPresence",
  roomName: string,
  nickname: string,
  clientId: string,
  state: PresenceState,
  at: string,
};

export type RoomTyping = {
  __typename: "RoomTyping",
  roomName: string,
  nickname: string,
  clientId: string,
  at: string,
};

export type CreateTeamChatInput = {
  id?: string | null,
  team: string,
  message: string,
  owner?: string | null,
  authorName?: string | null,
  createdAt?: string | null,
  updatedAt?: string | null,
};

export type TeamChat = {
  __typename: "TeamChat",
  id: string,
  team: string,
  message: string,
  owner?: string | null,
  authorName?: string | null,
  createdAt: string,
  updatedAt: string,
};

export type Announcement = {
  __typename: "Announcement",
  id: string,
  topic: string,
  data: string,
  groups: Array< string >,
  publishedAt: string,
};

export type CreateCloseRoomChatInput = {
  id?: string | null,
  roomName: string,
  message: string,
  owner?: string | null,
  authorName?: string | null,
  createdAt?: string | null,
  updatedAt?: string | null,
};

export type CloseRoomChat = {
  __typename: "CloseRoomChat",
  id: string,
  roomName: string,
  message: string,
  owner?: string | null,
  authorName?: string | null,
  createdAt: string,
  updatedAt: string,
};

export type DisplayNameClaimResult = {
  __typename: "DisplayNameClaimResult",
  displayName: string,
};

export type CreateOpenChatInput = {
  id?: string | null,
  channel?: string | null,
  message: string,
  authorName?: string | null,
  createdAt?: string | null,
  updatedAt?: string | null,
};

export type ModelOpenChatConditionInput = {
  channel?: ModelStringInput | null,
  message?: ModelStringInput | null,
  authorName?: ModelStringInput | null,
  createdAt?: ModelStringInput | null,
  updatedAt?: ModelStringInput | null,
  and?: Array< ModelOpenChatConditionInput | null > | null,
  or?: Array< ModelOpenChatConditionInput | null > | null,
  not?: ModelOpenChatConditionInput | null,
};

export type ModelStringInput = {
  ne?: string | null,
  eq?: string | null,
  le?: string | null,
  lt?: string | null,
  ge?: string | null,
  gt?: string | null,
  contains?: string | null,
  notContains?: string | null,
  between?: Array< string | null > | null,
  beginsWith?: string | null,
  attributeExists?: boolean | null,
  attributeType?: ModelAttributeTypes | null,
  size?: ModelSizeInput | null,
};

export enum ModelAttributeTypes {
  binary = "binary",
  binarySet = "binarySet",
  bool = "bool",
  list = "list",
  map = "map",
  number = "number",
  numberSet = "numberSet",
  string = "string",
  stringSet = "stringSet",
  _null = "_null",
}


export type ModelSizeInput = {
  ne?: number | null,
  eq?: number | null,
  le?: number | null,
  lt?: number | null,
  ge?: number | null,
  gt?: number | null,
  between?: Array< number | null > | null,
};

export type OpenChat = {
  __typename: "OpenChat",
  id: string,
  channel?: string | null,
  message: string,
  authorName?: string | null,
  createdAt: string,
  updatedAt: string,
};

export type UpdateOpenChatInput = {
  id: string,
  channel?: string | null,
  message?: string | null,
  authorName?: string | null,
  createdAt?: string | null,
  updatedAt?: string | null,
};

export type DeleteOpenChatInput = {
  id: string,
};

export type CreateRoomChatInput = {
  id?: string | null,
  roomName: string,
  message: string,
  authorName?: string | null,
  createdAt?: string | null,
  updatedAt?: string | null,
};

export type ModelRoomChatConditionInput = {
  roomName?: ModelStringInput | null,
  message?: ModelStringInput | null,
  authorName?: ModelStringInput | null,
  createdAt?: ModelStringInput | null,
  updatedAt?: ModelStringInput | null,
  and?: Array< ModelRoomChatConditionInput | null > | null,
  or?: Array< ModelRoomChatConditionInput | null > | null,
  not?: ModelRoomChatConditionInput | null,
};

export type RoomChat = {
  __typename: "RoomChat",
  id: string,
  roomName: string,
  message: string,
  authorName?: string | null,
  createdAt: string,
  updatedAt: string,
};

export type UpdateRoomChatInput = {
  id: string,
  roomName?: string | null,
  message?: string | null,
  authorName?: string | null,
  createdAt?: string | null,
  updatedAt?: string | null,
};

export type DeleteRoomChatInput = {
  id: string,
};

export type UpdateCloseRoomChatInput = {
  id: string,
  roomName?: string | null,
  message?: string | null,
  owner?: string | null,
  authorName?: string | null,
  createdAt?: string | null,
  updatedAt?: string | null,
};

export type ModelCloseRoomChatConditionInput = {
  roomName?: ModelStringInput | null,
  message?: ModelStringInput | null,
  owner?: ModelStringInput | null,
  authorName?: ModelStringInput | null,
  createdAt?: ModelStringInput | null,
  updatedAt?: ModelStringInput | null,
  and?: Array< ModelCloseRoomChatConditionInput | null > | null,
  or?: Array< ModelCloseRoomChatConditionInput | null > | null,
  not?: ModelCloseRoomChatConditionInput | null,
};

export type DeleteCloseRoomChatInput = {
  id: string,
};

export type UpdateTeamChatInput = {
  id: string,
  team?: string | null,
  message?: string | null,
  owner?: string | null,
  authorName?: string | null,
  createdAt?: string | null,
  updatedAt?: string | null,
};

export type ModelTeamChatConditionInput = {
  team?: ModelStringInput | null,
  message?: ModelStringInput | null,
  owner?: ModelStringInput | null,
  authorName?: ModelStringInput | null,
  createdAt?: ModelStringInput | null,
  updatedAt?: ModelStringInput | null,
  and?: Array< ModelTeamChatConditionInput | null > | null,
  or?: Array< ModelTeamChatConditionInput | null > | null,
  not?: ModelTeamChatConditionInput | null,
};

export type DeleteTeamChatInput = {
  id: string,
};

export type ModelOpenChatFilterInput = {
  id?: ModelIDInput | null,
  channel?: ModelStringInput | null,
  message?: ModelStringInput | null,
  authorName?: ModelStringInput | null,
  createdAt?: ModelStringInput | null,
  updatedAt?: ModelStringInput | null,
  and?: Array< ModelOpenChatFilterInput | null > | null,
  or?: Array< ModelOpenChatFilterInput | null > | null,
  not?: ModelOpenChatFilterInput | null,
};

export type ModelIDInput = {
  ne?: string | null,
  eq?: string | null,
  le?: string | null,
  lt?: string | null,
  ge?: string | null,
  gt?: string | null,
  contains?: string | null,
  notContains?: string | null,
  between?: Array< string | null > | null,
  beginsWith?: string | null,
  attributeExists?: boolean | null,
  attributeType?: ModelAttributeTypes | null,
  size?: ModelSizeInput | null,
};

export type ModelOpenChatConnection = {
  __typename: "ModelOpenChatConnection",
  items:  Array<OpenChat | null >,
  nextToken?: string | null,
};

export type ModelStringKeyConditionInput = {
  eq?: string | null,
  le?: string | null,
  lt?: string | null,
  ge?: string | null,
  gt?: string | null,
  between?: Array< string | null > | null,
  beginsWith?: string | null,
};

export enum ModelSortDirection {
  ASC = "ASC",
  DESC = "DESC",
}


export type ModelRoomChatFilterInput = {
  id?: ModelIDInput | null,
  roomName?: ModelStringInput | null,
  message?: ModelStringInput | null,
  authorName?: ModelStringInput | null,
  createdAt?: ModelStringInput | null,
  updatedAt?: ModelStringInput | null,
  and?: Array< ModelRoomChatFilterInput | null > | null,
  or?: Array< ModelRoomChatFilterInput | null > | null,
  not?: ModelRoomChatFilterInput | null,
};

export type ModelRoomChatConnection = {
  __typename: "ModelRoomChatConnection",
  items:  Array<RoomChat | null >,
  nextToken?: string | null,
};

export type ModelCloseRoomChatFilterInput = {
  id?: ModelIDInput | null,
  roomName?: ModelStringInput | null,
  message?: ModelStringInput | null,
  owner?: ModelStringInput | null,
  authorName?: ModelStringInput | null,
  createdAt?: ModelStringInput | null,
  updatedAt?: ModelStringInput | null,
  and?: Array< ModelCloseRoomChatFilterInput | null > | null,
  or?: Array< ModelCloseRoomChatFilterInput | null > | null,
  not?: ModelCloseRoomChatFilterInput | null,
};

export type ModelCloseRoomChatConnection = {
  __typename: "ModelCloseRoomChatConnection",
  items:  Array<CloseRoomChat | null >,
  nextToken?: string | null,
};

export type ModelRoomFilterInput = {
  name?: ModelIDInput | null,
  kind?: ModelStringInput | null,
  lastMessageAt?: ModelStringInput | null,
  lastMessagePreview?: ModelStringInput | null,
  and?: Array< ModelRoomFilterInput | null > | null,
  or?: Array< ModelRoomFilterInput | null > | null,
  not?: ModelRoomFilterInput | null,
};

export type ModelRoomConnection = {
  __typename: "ModelRoomConnection",
  items:  Array<Room | null >,
  nextToken?: string | null,
};

export type ModelTeamChatFilterInput = {
  id?: ModelIDInput | null,
  team?: ModelStringInput | null,
  message?: ModelStringInput | null,
  owner?: ModelStringInput | null,
  authorName?: ModelStringInput | null,
  createdAt?: ModelStringInput | null,
  updatedAt?: ModelStringInput | null,
  and?: Array< ModelTeamChatFilterInput | null > | null,
  or?: Array< ModelTeamChatFilterInput | null > | null,
  not?: ModelTeamChatFilterInput | null,
};

export type ModelTeamChatConnection = {
  __typename: "ModelTeamChatConnection",
  items:  Array<TeamChat | null >,
  nextToken?: string | null,
};

export type ModelSubscriptionOpenChatFilterInput = {
  id?: ModelSubscriptionIDInput | null,
  channel?: ModelSubscriptionStringInput | null,
  message?: ModelSubscriptionStringInput | null,
  authorName?: ModelSubscriptionStringInput | null,
  createdAt?: ModelSubscriptionStringInput | null,
  updatedAt?: ModelSubscriptionStringInput | null,
  and?: Array< ModelSubscriptionOpenChatFilterInput | null > | null,
  or?: Array< ModelSubscriptionOpenChatFilterInput | null > | null,
};

export type ModelSubscriptionIDInput = {
  ne?: string | null,
  eq?: string | null,
  le?: string | null,
  lt?: string | null,
  ge?: string | null,
  gt?: string | null,
  contains?: string | null,
  notContains?: string | null,
  between?: Array< string | null > | null,
  beginsWith?: string | null,
  in?: Array< string | null > | null,
  notIn?: Array< string | null > | null,
};

export type ModelSubscriptionStringInput = {
  ne?: string | null,
  eq?: string | null,
  le?: string | null,
  lt?: string | null,
  ge?: string | null,
  gt?: string | null,
  contains?: string | null,
  notContains?: string | null,
  between?: Array< string | null > | null,
  beginsWith?: string | null,
  in?: Array< string | null > | null,
  notIn?: Array< string | null > | null,
};

export type ModelSubscriptionRoomChatFilterInput = {
  id?: ModelSubscriptionIDInput | null,
  roomName?: ModelSubscriptionStringInput | null,
  message?: ModelSubscriptionStringInput | null,
  authorName?: ModelSubscriptionStringInput | null,
  createdAt?: ModelSubscriptionStringInput | null,
  updatedAt?: ModelSubscriptionStringInput | null,
  and?: Array< ModelSubscriptionRoomChatFilterInput | null > | null,
  or?: Array< ModelSubscriptionRoomChatFilterInput | null > | null,
};

export type ModelSubscriptionCloseRoomChatFilterInput = {
  id?: ModelSubscriptionIDInput | null,
  roomName?: ModelSubscriptionStringInput | null,
  message?: ModelSubscriptionStringInput | null,
  authorName?: ModelSubscriptionStringInput | null,
  createdAt?: ModelSubscriptionStringInput | null,
  updatedAt?: ModelSubscriptionStringInput | null,
  and?: Array< ModelSubscriptionCloseRoomChatFilterInput | null > | null,
  or?: Array< ModelSubscriptionCloseRoomChatFilterInput | null > | null,
  owner?: ModelStringInput | null,
};

export type ModelSubscriptionTeamChatFilterInput = {
  id?: ModelSubscriptionIDInput | null,
  message?: ModelSubscriptionStringInput | null,
  authorName?: ModelSubscriptionStringInput | null,
  createdAt?: ModelSubscriptionStringInput | null,
  updatedAt?: ModelSubscriptionStringInput | null,
  and?: Array< ModelSubscriptionTeamChatFilterInput | null > | null,
  or?: Array< ModelSubscriptionTeamChatFilterInput | null > | null,
  owner?: ModelStringInput | null,
};

export type TouchRoomMutationVariables = {
  roomName: string,
};

export type TouchRoomMutation = {
  touchRoom?:  {
    __typename: "Room",
    name: string,
    kind: string,
    lastMessageAt: string,
    lastMessagePreview: string,
  } | null,
};

export type AnnouncePresenceMutationVariables = {
  roomName: string,
  nickname: string,
  clientId: string,
  state: PresenceState,
};

export type AnnouncePresenceMutation = {
  announcePresence?:  {
    __typename: "RoomPresence",
    roomName: string,
    nickname: string,
    clientId: string,
    state: PresenceState,
    at: string,
  } | null,
};

export type SendTypingMutationVariables = {
  roomName: string,
  nickname: string,
  clientId: string,
};

export type SendTypingMutation = {
  sendTyping?:  {
    __typename: "RoomTyping",
    roomName: string,
    nickname: string,
    clientId: string,
    at: string,
  } | null,
};

export type CreateTeamChatMutationVariables = {
  input: CreateTeamChatInput,
};

export type CreateTeamChatMutation = {
  createTeamChat?:  {
    __typename: "TeamChat",
    id: string,
    team: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type PublishAnnouncementMutationVariables = {
  topic: string,
  data: string,
  groups: Array< string >,
};

export type PublishAnnouncementMutation = {
  publishAnnouncement?:  {
    __typename: "Announcement",
    id: string,
    topic: string,
    data: string,
    groups: Array< string >,
    publishedAt: string,
  } | null,
};

export type CreateCloseRoomChatMutationVariables = {
  input: CreateCloseRoomChatInput,
};

export type CreateCloseRoomChatMutation = {
  createCloseRoomChat?:  {
    __typename: "CloseRoomChat",
    id: string,
    roomName: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type ClaimDisplayNameMutationVariables = {
};

export type ClaimDisplayNameMutation = {
  claimDisplayName?:  {
    __typename: "DisplayNameClaimResult",
    displayName: string,
  } | null,
};

export type CreateOpenChatMutationVariables = {
  input: CreateOpenChatInput,
  condition?: ModelOpenChatConditionInput | null,
};

export type CreateOpenChatMutation = {
  createOpenChat?:  {
    __typename: "OpenChat",
    id: string,
    channel?: string | null,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type UpdateOpenChatMutationVariables = {
  input: UpdateOpenChatInput,
  condition?: ModelOpenChatConditionInput | null,
};

export type UpdateOpenChatMutation = {
  updateOpenChat?:  {
    __typename: "OpenChat",
    id: string,
    channel?: string | null,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type DeleteOpenChatMutationVariables = {
  input: DeleteOpenChatInput,
  condition?: ModelOpenChatConditionInput | null,
};

export type DeleteOpenChatMutation = {
  deleteOpenChat?:  {
    __typename: "OpenChat",
    id: string,
    channel?: string | null,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type CreateRoomChatMutationVariables = {
  input: CreateRoomChatInput,
  condition?: ModelRoomChatConditionInput | null,
};

export type CreateRoomChatMutation = {
  createRoomChat?:  {
    __typename: "RoomChat",
    id: string,
    roomName: string,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type UpdateRoomChatMutationVariables = {
  input: UpdateRoomChatInput,
  condition?: ModelRoomChatConditionInput | null,
};

export type UpdateRoomChatMutation = {
  updateRoomChat?:  {
    __typename: "RoomChat",
    id: string,
    roomName: string,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type DeleteRoomChatMutationVariables = {
  input: DeleteRoomChatInput,
  condition?: ModelRoomChatConditionInput | null,
};

export type DeleteRoomChatMutation = {
  deleteRoomChat?:  {
    __typename: "RoomChat",
    id: string,
    roomName: string,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type UpdateCloseRoomChatMutationVariables = {
  input: UpdateCloseRoomChatInput,
  condition?: ModelCloseRoomChatConditionInput | null,
};

export type UpdateCloseRoomChatMutation = {
  updateCloseRoomChat?:  {
    __typename: "CloseRoomChat",
    id: string,
    roomName: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type DeleteCloseRoomChatMutationVariables = {
  input: DeleteCloseRoomChatInput,
  condition?: ModelCloseRoomChatConditionInput | null,
};

export type DeleteCloseRoomChatMutation = {
  deleteCloseRoomChat?:  {
    __typename: "CloseRoomChat",
    id: string,
    roomName: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type UpdateTeamChatMutationVariables = {
  input: UpdateTeamChatInput,
  condition?: ModelTeamChatConditionInput | null,
};

export type UpdateTeamChatMutation = {
  updateTeamChat?:  {
    __typename: "TeamChat",
    id: string,
    team: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type DeleteTeamChatMutationVariables = {
  input: DeleteTeamChatInput,
  condition?: ModelTeamChatConditionInput | null,
};

export type DeleteTeamChatMutation = {
  deleteTeamChat?:  {
    __typename: "TeamChat",
    id: string,
    team: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type GetOpenChatQueryVariables = {
  id: string,
};

export type GetOpenChatQuery = {
  getOpenChat?:  {
    __typename: "OpenChat",
    id: string,
    channel?: string | null,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type ListOpenChatsQueryVariables = {
  filter?: ModelOpenChatFilterInput | null,
  limit?: number | null,
  nextToken?: string | null,
};

export type ListOpenChatsQuery = {
  listOpenChats?:  {
    __typename: "ModelOpenChatConnection",
    items:  Array< {
      __typename: "OpenChat",
      id: string,
      channel?: string | null,
      message: string,
      authorName?: string | null,
      createdAt: string,
      updatedAt: string,
    } | null >,
    nextToken?: string | null,
  } | null,
};

export type OpenChatsByChannelQueryVariables = {
  channel: string,
  createdAt?: ModelStringKeyConditionInput | null,
  sortDirection?: ModelSortDirection | null,
  filter?: ModelOpenChatFilterInput | null,
  limit?: number | null,
  nextToken?: string | null,
};

export type OpenChatsByChannelQuery = {
  openChatsByChannel?:  {
    __typename: "ModelOpenChatConnection",
    items:  Array< {
      __typename: "OpenChat",
      id: string,
      channel?: string | null,
      message: string,
      authorName?: string | null,
      createdAt: string,
      updatedAt: string,
    } | null >,
    nextToken?: string | null,
  } | null,
};

export type GetRoomChatQueryVariables = {
  id: string,
};

export type GetRoomChatQuery = {
  getRoomChat?:  {
    __typename: "RoomChat",
    id: string,
    roomName: string,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type ListRoomChatsQueryVariables = {
  filter?: ModelRoomChatFilterInput | null,
  limit?: number | null,
  nextToken?: string | null,
};

export type ListRoomChatsQuery = {
  listRoomChats?:  {
    __typename: "ModelRoomChatConnection",
    items:  Array< {
      __typename: "RoomChat",
      id: string,
      roomName: string,
      message: string,
      authorName?: string | null,
      createdAt: string,
      updatedAt: string,
    } | null >,
    nextToken?: string | null,
  } | null,
};

export type RoomChatsByRoomNameQueryVariables = {
  roomName: string,
  createdAt?: ModelStringKeyConditionInput | null,
  sortDirection?: ModelSortDirection | null,
  filter?: ModelRoomChatFilterInput | null,
  limit?: number | null,
  nextToken?: string | null,
};

export type RoomChatsByRoomNameQuery = {
  roomChatsByRoomName?:  {
    __typename: "ModelRoomChatConnection",
    items:  Array< {
      __typename: "RoomChat",
      id: string,
      roomName: string,
      message: string,
      authorName?: string | null,
      createdAt: string,
      updatedAt: string,
    } | null >,
    nextToken?: string | null,
  } | null,
};

export type GetCloseRoomChatQueryVariables = {
  id: string,
};

export type GetCloseRoomChatQuery = {
  getCloseRoomChat?:  {
    __typename: "CloseRoomChat",
    id: string,
    roomName: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type ListCloseRoomChatsQueryVariables = {
  filter?: ModelCloseRoomChatFilterInput | null,
  limit?: number | null,
  nextToken?: string | null,
};

export type ListCloseRoomChatsQuery = {
  listCloseRoomChats?:  {
    __typename: "ModelCloseRoomChatConnection",
    items:  Array< {
      __typename: "CloseRoomChat",
      id: string,
      roomName: string,
      message: string,
      owner?: string | null,
      authorName?: string | null,
      createdAt: string,
      updatedAt: string,
    } | null >,
    nextToken?: string | null,
  } | null,
};

export type CloseRoomChatsByRoomNameQueryVariables = {
  roomName: string,
  createdAt?: ModelStringKeyConditionInput | null,
  sortDirection?: ModelSortDirection | null,
  filter?: ModelCloseRoomChatFilterInput | null,
  limit?: number | null,
  nextToken?: string | null,
};

export type CloseRoomChatsByRoomNameQuery = {
  closeRoomChatsByRoomName?:  {
    __typename: "ModelCloseRoomChatConnection",
    items:  Array< {
      __typename: "CloseRoomChat",
      id: string,
      roomName: string,
      message: string,
      owner?: string | null,
      authorName?: string | null,
      createdAt: string,
      updatedAt: string,
    } | null >,
    nextToken?: string | null,
  } | null,
};

export type GetRoomQueryVariables = {
  name: string,
};

export type GetRoomQuery = {
  getRoom?:  {
    __typename: "Room",
    name: string,
    kind: string,
    lastMessageAt: string,
    lastMessagePreview: string,
  } | null,
};

export type RoomsByActivityQueryVariables = {
  kind: string,
  lastMessageAt?: ModelStringKeyConditionInput | null,
  sortDirection?: ModelSortDirection | null,
  filter?: ModelRoomFilterInput | null,
  limit?: number | null,
  nextToken?: string | null,
};

export type RoomsByActivityQuery = {
  roomsByActivity?:  {
    __typename: "ModelRoomConnection",
    items:  Array< {
      __typename: "Room",
      name: string,
      kind: string,
      lastMessageAt: string,
      lastMessagePreview: string,
    } | null >,
    nextToken?: string | null,
  } | null,
};

export type GetTeamChatQueryVariables = {
  id: string,
};

export type GetTeamChatQuery = {
  getTeamChat?:  {
    __typename: "TeamChat",
    id: string,
    team: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type ListTeamChatsQueryVariables = {
  filter?: ModelTeamChatFilterInput | null,
  limit?: number | null,
  nextToken?: string | null,
};

export type ListTeamChatsQuery = {
  listTeamChats?:  {
    __typename: "ModelTeamChatConnection",
    items:  Array< {
      __typename: "TeamChat",
      id: string,
      team: string,
      message: string,
      owner?: string | null,
      authorName?: string | null,
      createdAt: string,
      updatedAt: string,
    } | null >,
    nextToken?: string | null,
  } | null,
};

export type TeamChatsByTeamQueryVariables = {
  team: string,
  createdAt?: ModelStringKeyConditionInput | null,
  sortDirection?: ModelSortDirection | null,
  filter?: ModelTeamChatFilterInput | null,
  limit?: number | null,
  nextToken?: string | null,
};

export type TeamChatsByTeamQuery = {
  teamChatsByTeam?:  {
    __typename: "ModelTeamChatConnection",
    items:  Array< {
      __typename: "TeamChat",
      id: string,
      team: string,
      message: string,
      owner?: string | null,
      authorName?: string | null,
      createdAt: string,
      updatedAt: string,
    } | null >,
    nextToken?: string | null,
  } | null,
};

export type OnCreateCloseRoomChatSubscriptionVariables = {
};

export type OnCreateCloseRoomChatSubscription = {
  onCreateCloseRoomChat?:  {
    __typename: "CloseRoomChat",
    id: string,
    roomName: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnCreateRoomChatByRoomNameSubscriptionVariables = {
  roomName: string,
};

export type OnCreateRoomChatByRoomNameSubscription = {
  onCreateRoomChatByRoomName?:  {
    __typename: "RoomChat",
    id: string,
    roomName: string,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnCreateCloseRoomChatByRoomNameSubscriptionVariables = {
  roomName: string,
};

export type OnCreateCloseRoomChatByRoomNameSubscription = {
  onCreateCloseRoomChatByRoomName?:  {
    __typename: "CloseRoomChat",
    id: string,
    roomName: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnUpdateCloseRoomChatByRoomNameSubscriptionVariables = {
  roomName: string,
};

export type OnUpdateCloseRoomChatByRoomNameSubscription = {
  onUpdateCloseRoomChatByRoomName?:  {
    __typename: "CloseRoomChat",
    id: string,
    roomName: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnDeleteCloseRoomChatByRoomNameSubscriptionVariables = {
  roomName: string,
};

export type OnDeleteCloseRoomChatByRoomNameSubscription = {
  onDeleteCloseRoomChatByRoomName?:  {
    __typename: "CloseRoomChat",
    id: string,
    roomName: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnTouchRoomSubscriptionVariables = {
};

export type OnTouchRoomSubscription = {
  onTouchRoom?:  {
    __typename: "Room",
    name: string,
    kind: string,
    lastMessageAt: string,
    lastMessagePreview: string,
  } | null,
};

export type OnPresenceInRoomSubscriptionVariables = {
  roomName: string,
};

export type OnPresenceInRoomSubscription = {
  onPresenceInRoom?:  {
    __typename: "RoomPresence",
    roomName: string,
    nickname: string,
    clientId: string,
    state: PresenceState,
    at: string,
  } | null,
};

export type OnTypingInRoomSubscriptionVariables = {
  roomName: string,
};

export type OnTypingInRoomSubscription = {
  onTypingInRoom?:  {
    __typename: "RoomTyping",
    roomName: string,
    nickname: string,
    clientId: string,
    at: string,
  } | null,
};

export type OnCreateTeamChatSubscriptionVariables = {
};

export type OnCreateTeamChatSubscription = {
  onCreateTeamChat?:  {
    __typename: "TeamChat",
    id: string,
    team: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnCreateTeamChatByTeamSubscriptionVariables = {
  team: string,
};

export type OnCreateTeamChatByTeamSubscription = {
  onCreateTeamChatByTeam?:  {
    __typename: "TeamChat",
    id: string,
    team: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnUpdateTeamChatByTeamSubscriptionVariables = {
  team: string,
};

export type OnUpdateTeamChatByTeamSubscription = {
  onUpdateTeamChatByTeam?:  {
    __typename: "TeamChat",
    id: string,
    team: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnDeleteTeamChatByTeamSubscriptionVariables = {
  team: string,
};

export type OnDeleteTeamChatByTeamSubscription = {
  onDeleteTeamChatByTeam?:  {
    __typename: "TeamChat",
    id: string,
    team: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnAnnouncementSubscriptionVariables = {
  prefix: string,
  onlyGroups: Array< string >,
};

export type OnAnnouncementSubscription = {
  onAnnouncement?:  {
    __typename: "Announcement",
    id: string,
    topic: string,
    data: string,
    groups: Array< string >,
    publishedAt: string,
  } | null,
};

export type OnCreateOpenChatSubscriptionVariables = {
  filter?: ModelSubscriptionOpenChatFilterInput | null,
};

export type OnCreateOpenChatSubscription = {
  onCreateOpenChat?:  {
    __typename: "OpenChat",
    id: string,
    channel?: string | null,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnUpdateOpenChatSubscriptionVariables = {
  filter?: ModelSubscriptionOpenChatFilterInput | null,
};

export type OnUpdateOpenChatSubscription = {
  onUpdateOpenChat?:  {
    __typename: "OpenChat",
    id: string,
    channel?: string | null,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnDeleteOpenChatSubscriptionVariables = {
  filter?: ModelSubscriptionOpenChatFilterInput | null,
};

export type OnDeleteOpenChatSubscription = {
  onDeleteOpenChat?:  {
    __typename: "OpenChat",
    id: string,
    channel?: string | null,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnCreateRoomChatSubscriptionVariables = {
  filter?: ModelSubscriptionRoomChatFilterInput | null,
};

export type OnCreateRoomChatSubscription = {
  onCreateRoomChat?:  {
    __typename: "RoomChat",
    id: string,
    roomName: string,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnUpdateRoomChatSubscriptionVariables = {
  filter?: ModelSubscriptionRoomChatFilterInput | null,
};

export type OnUpdateRoomChatSubscription = {
  onUpdateRoomChat?:  {
    __typename: "RoomChat",
    id: string,
    roomName: string,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnDeleteRoomChatSubscriptionVariables = {
  filter?: ModelSubscriptionRoomChatFilterInput | null,
};

export type OnDeleteRoomChatSubscription = {
  onDeleteRoomChat?:  {
    __typename: "RoomChat",
    id: string,
    roomName: string,
    message: string,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnUpdateCloseRoomChatSubscriptionVariables = {
  filter?: ModelSubscriptionCloseRoomChatFilterInput | null,
  owner?: string | null,
};

export type OnUpdateCloseRoomChatSubscription = {
  onUpdateCloseRoomChat?:  {
    __typename: "CloseRoomChat",
    id: string,
    roomName: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnDeleteCloseRoomChatSubscriptionVariables = {
  filter?: ModelSubscriptionCloseRoomChatFilterInput | null,
  owner?: string | null,
};

export type OnDeleteCloseRoomChatSubscription = {
  onDeleteCloseRoomChat?:  {
    __typename: "CloseRoomChat",
    id: string,
    roomName: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnUpdateTeamChatSubscriptionVariables = {
  filter?: ModelSubscriptionTeamChatFilterInput | null,
};

export type OnUpdateTeamChatSubscription = {
  onUpdateTeamChat?:  {
    __typename: "TeamChat",
    id: string,
    team: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type OnDeleteTeamChatSubscriptionVariables = {
  filter?: ModelSubscriptionTeamChatFilterInput | null,
};

export type OnDeleteTeamChatSubscription = {
  onDeleteTeamChat?:  {
    __typename: "TeamChat",
    id: string,
    team: string,
    message: string,
    owner?: string | null,
    authorName?: string | null,
    createdAt: string,
    updatedAt: string,
  } | null,
};
