import Picker, { EmojiStyle, type EmojiClickData } from 'emoji-picker-react';

/** Loaded only when the emoji button is first pressed (it is the largest dependency of the panel). */
export default function EmojiPicker({ onPick }: { onPick: (emoji: string) => void }) {
  return (
    <Picker
      onEmojiClick={(data: EmojiClickData) => onPick(data.emoji)}
      emojiStyle={EmojiStyle.NATIVE}
      lazyLoadEmojis
      width={320}
      height={380}
      previewConfig={{ showPreview: false }}
      autoFocusSearch
    />
  );
}
