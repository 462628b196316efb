# sourced by the shell tests
