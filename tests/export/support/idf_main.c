// SPDX-License-Identifier: Apache-2.0
// ESP-IDF starts an application in app_main(); the exported examples under test are started here.
void app_main(void);

int main(void) {
  app_main();
  return 0;
}
