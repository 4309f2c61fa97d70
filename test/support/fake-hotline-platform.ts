// Moved to libs/testing (the demo starts it too); this re-export keeps older imports working.
export {
  FakeHotlinePlatform,
  type HotlineKey,
  type ReceivedReply,
  signedHeaders,
  signedPost,
} from '@heqi/testing';
