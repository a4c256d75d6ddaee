/**
 * A slash-command interaction as the platform-neutral {@link ChatCommand} the command logic takes.
 */
import { PermissionFlagsBits, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { ChatCommand, ChatPlace } from '../../core/chat/chat-command.js';
import { actionOfDiscordCommand } from './discord-commands.js';

type CommandInteraction = ChatInputCommandInteraction | AutocompleteInteraction;

/** Where the interaction happened: its channel or thread, its server, or a direct message. */
export function placeOfInteraction(interaction: CommandInteraction): ChatPlace {
  const guildId = interaction.guildId ?? undefined;
  return {
    platform: 'discord',
    chatId: interaction.channelId,
    ...(guildId === undefined ? {} : { guildId }),
    isPrivate: guildId === undefined,
  };
}

/**
 * The command, or undefined when the slash command is not one of kabar's (an old registration).
 * `isModerator` comes from the member's permissions in this channel as Discord computed them for
 * this interaction (Manage Channels), never from the command's registration; in a direct message
 * the user owns the chat.
 */
export function chatCommandOf(interaction: ChatInputCommandInteraction): ChatCommand | undefined {
  const action = actionOfDiscordCommand(interaction.commandName, interaction.options.getSubcommand(false));
  if (action === undefined) return undefined;
  const place = placeOfInteraction(interaction);
  const options: Record<string, string> = {};
  for (const option of leafOptions(interaction)) {
    if (option.value !== undefined && option.value !== null) options[option.name] = String(option.value);
  }
  const name = interaction.member && 'displayName' in interaction.member ? interaction.member.displayName : interaction.user.globalName ?? interaction.user.username;
  return {
    action,
    place,
    user: {
      id: interaction.user.id,
      name,
      isModerator: place.isPrivate || (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false),
      locale: interaction.locale,
    },
    options,
  };
}

/** The options of the subcommand (or of the command, when it has none), by name and value. */
export function leafOptions(interaction: CommandInteraction): ReadonlyArray<{ name: string; value?: string | number | boolean | null }> {
  const top = interaction.options.data;
  const sub = top.find((option) => option.options !== undefined);
  return sub?.options ?? top;
}
