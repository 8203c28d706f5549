/* main.c: the careerpath executable; everything else lives in the CLI library. */
#include "cli.h"

int main(int argc, char **argv) { return cp_cli_main(argc, argv, stdout, stderr); }
