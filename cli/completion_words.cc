#include "cli/completion_words.h"

#include <CLI/CLI.hpp>
#include <cctype>

namespace berth::cli {

namespace {

// CLI11's type name as a usage line shows it: "TEXT:NAME" is NAME (a
// validator's name), "INT:INT>=1" is INT, a set "{a,b}" is VALUE.
std::string value_name(const std::string& type_name) {
  const auto colon = type_name.find(':');
  if (colon != std::string::npos) {
    const std::string after = type_name.substr(colon + 1);
    const bool word = !after.empty() &&
                      after.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == std::string::npos;
    return word ? after : value_name(type_name.substr(0, colon));
  }
  if (type_name.empty() || type_name.front() == '{' || type_name.find(' ') != std::string::npos) {
    return "VALUE";
  }
  return type_name;
}

}  // namespace

std::vector<const CLI::App*> visible_commands(const CLI::App& root) {
  return root.get_subcommands([](const CLI::App* app) { return !app->get_group().empty(); });
}

std::vector<OptionWords> option_words_of(const CLI::App& app) {
  std::vector<OptionWords> words;
  for (const CLI::Option* option : app.get_options()) {
    if (!option->nonpositional() || option->get_group().empty()) {
      continue;
    }
    OptionWords word;
    for (const auto& name : option->get_snames()) {
      word.names.push_back("-" + name);
    }
    for (const auto& name : option->get_lnames()) {
      word.names.push_back("--" + name);
    }
    word.description = option->get_description();
    if (option->get_items_expected_max() > 0) {
      word.value_name = value_name(option->get_type_name());
    }
    word.repeatable = option->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll ||
                      option->get_expected_max() > 1 || option->get_items_expected_max() > 1;
    words.push_back(std::move(word));
  }
  return words;
}

std::string positional_usage(const CLI::App& app) {
  std::string usage;
  for (const CLI::Option* option : app.get_options()) {
    if (option->nonpositional() || option->get_group().empty()) {
      continue;
    }
    std::string name = option->get_name(true);
    for (auto& c : name) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    const bool many = option->get_items_expected_max() > 1 || option->get_expected_max() > 1;
    if (many && name.size() > 1 && name.back() == 'S') {
      name.pop_back();  // SERVICES... reads as SERVICE...
    }
    name += many ? "..." : "";
    usage += (usage.empty() ? "" : " ") + (option->get_required() ? name : "[" + name + "]");
  }
  return usage;
}

std::vector<std::string> valued_option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto& word : option_words_of(app)) {
    if (!word.value_name.empty()) {
      names.insert(names.end(), word.names.begin(), word.names.end());
    }
  }
  return names;
}

const std::vector<std::string>& completion_shells() {
  static const std::vector<std::string> k_shells = {"bash", "zsh", "fish"};
  return k_shells;
}

}  // namespace berth::cli
