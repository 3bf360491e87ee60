import { expect } from 'vitest'
import { call, docs, receivedOf, rows, subscribeAs } from './support'

// projects/subscription-arguments: onMessage(room, author) @aws_subscribe(mutations: ["createMessage"]).
const createMessage = /* GraphQL */ `
  mutation CreateMessage($input: CreateMessageInput!) {
    createMessage(input: $input) {
      id
      room
      author
      body
    }
  }
`
// A mutation that forgets `author`: subscribers filtering on it cannot match (AppSync matches arguments
// against the mutation's response).
const createMessageWithoutAuthor = /* GraphQL */ `
  mutation CreateMessageWithoutAuthor($input: CreateMessageInput!) {
    createMessage(input: $input) {
      id
      room
      body
    }
  }
`
const onMessage = /* GraphQL */ `
  subscription OnMessage($room: String, $author: String) {
    onMessage(room: $room, author: $author) {
      id
      room
      author
      body
    }
  }
`
interface Message {
  id: string
  room: string
  author: string | null
  body: string
}

rows('subscription-arguments: a custom subscription with two arguments', 'subscription-arguments', (get) => {
  const send =
    (id: string, room: string, author: string, mutation = createMessage) =>
    () =>
      call(get(), mutation, { input: { id, room, author, body: id } })
  const ids = (items: Message[]) => items.map((m) => m.id)
  return [
    {
      name: 'with both arguments, only messages matching both arrive',
      mirrors:
        'subscription arguments are equality filters on the response fields of the same name, all of them',
      doc: docs.subscribeArguments,
      run: async () => {
        const live = await subscribeAs<Message>(get(), 'apiKey', onMessage, { room: 'r1', author: 'ann' })
        const items = await receivedOf(live, [
          { publish: send('a1', 'r2', 'ann'), expected: false },
          { publish: send('a2', 'r1', 'bob'), expected: false },
          { publish: send('a3', 'r1', 'ann'), expected: true },
        ])
        expect(items).toEqual([{ id: 'a3', room: 'r1', author: 'ann', body: 'a3' }])
      },
    },
    {
      name: 'an argument left out or given as null does not filter',
      mirrors: 'a null subscription argument matches any value of its field',
      doc: docs.subscribeArguments,
      run: async () => {
        const roomOnly = await subscribeAs<Message>(get(), 'apiKey', onMessage, { room: 'r1', author: null })
        const byRoom = await receivedOf(roomOnly, [
          { publish: send('b1', 'r2', 'ann'), expected: false },
          { publish: send('b2', 'r1', 'bob'), expected: true },
          { publish: send('b3', 'r1', 'ann'), expected: true },
        ])
        expect(ids(byRoom)).toEqual(['b2', 'b3'])
        const everything = await subscribeAs<Message>(get(), 'apiKey', onMessage)
        expect(
          ids(
            await receivedOf(everything, [
              { publish: send('b4', 'r2', 'ann'), expected: true },
              { publish: send('b5', 'r3', 'cy'), expected: true },
            ]),
          ),
        ).toEqual(['b4', 'b5'])
      },
    },
    {
      name: 'an argument on a field the mutation did not select matches nothing; a subscriber selecting that non-null field gets the event as null',
      mirrors:
        'subscribers receive the mutation selection set, and arguments match only fields in it; a non-null field missing from it fails the event ("Cannot return null for non-nullable type", amplify-cli #5542)',
      doc: docs.subscriptionSelection,
      run: async () => {
        const byAuthor = await subscribeAs<Message>(get(), 'apiKey', onMessage, { room: 'r1', author: 'ann' })
        const byRoom = await subscribeAs<Message>(get(), 'apiKey', onMessage, { room: 'r1' })
        const withoutAuthor = await subscribeAs<Message>(
          get(),
          'apiKey',
          'subscription OnMessageWithoutAuthor($room: String) { onMessage(room: $room) { id room body } }',
          { room: 'r1' },
        )
        const [forRoom, forAuthor, forRoomWithoutAuthor] = await Promise.all([
          receivedOf(byRoom, [
            { publish: send('c1', 'r1', 'ann', createMessageWithoutAuthor), expected: true },
            { publish: send('c2', 'r1', 'ann'), expected: true },
          ]),
          byAuthor.waitFor(1).finally(() => byAuthor.unsubscribe()),
          withoutAuthor.waitFor(2).finally(() => withoutAuthor.unsubscribe()),
        ])
        expect(forRoom).toEqual([null, { id: 'c2', room: 'r1', author: 'ann', body: 'c2' }])
        expect(forRoomWithoutAuthor).toEqual([
          { id: 'c1', room: 'r1', body: 'c1' },
          { id: 'c2', room: 'r1', body: 'c2' },
        ])
        // c1 was published first; the author subscriber's first message is c2.
        expect(ids(forAuthor)).toEqual(['c2'])
      },
    },
  ]
})
