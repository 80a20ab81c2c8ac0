/**
 * Labels of the native application menu. Main builds the menu from these; the renderer
 * switches language through `window.honbu.setMenuLanguage`. Typing the dictionary as
 * Record<Language, MenuLabels> makes a key missing from either language a compile error.
 */
import type { Language } from '../ipc/contract';

export interface MenuLabels {
  /** macOS app menu title. */
  appName: string;
  file: string;
  printToPdf: string;
  lockWorkspace: string;
  closeWindow: string;
  quit: string;
  edit: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  view: string;
  reload: string;
  zoomIn: string;
  zoomOut: string;
  resetZoom: string;
  toggleFullScreen: string;
  toggleDevTools: string;
  help: string;
  about: string;
  settings: string;
  /** The 私の対応 screen (decision 020): every incident's reminders and deadlines of mine. */
  myWork: string;
  services: string;
  hide: string;
  hideOthers: string;
  showAll: string;
}

export const MENU_LABELS: Record<Language, MenuLabels> = {
  ja: {
    appName: 'Honbu',
    file: 'ファイル',
    printToPdf: 'PDFに印刷…',
    lockWorkspace: 'ワークスペースをロック',
    closeWindow: 'ウインドウを閉じる',
    quit: '終了',
    edit: '編集',
    undo: '取り消す',
    redo: 'やり直す',
    cut: '切り取り',
    copy: 'コピー',
    paste: '貼り付け',
    selectAll: 'すべてを選択',
    view: '表示',
    reload: '再読み込み',
    zoomIn: '拡大',
    zoomOut: '縮小',
    resetZoom: '実際のサイズ',
    toggleFullScreen: 'フルスクリーン切り替え',
    toggleDevTools: '開発者ツール',
    help: 'ヘルプ',
    about: 'Honbu について',
    settings: '設定…',
    myWork: '私の対応',
    services: 'サービス',
    hide: 'Honbu を隠す',
    hideOthers: 'ほかを隠す',
    showAll: 'すべてを表示',
  },
  en: {
    appName: 'Honbu',
    file: 'File',
    printToPdf: 'Print to PDF…',
    lockWorkspace: 'Lock Workspace',
    closeWindow: 'Close Window',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    resetZoom: 'Actual Size',
    toggleFullScreen: 'Toggle Full Screen',
    toggleDevTools: 'Developer Tools',
    help: 'Help',
    about: 'About Honbu',
    settings: 'Settings…',
    myWork: 'My Work',
    services: 'Services',
    hide: 'Hide Honbu',
    hideOthers: 'Hide Others',
    showAll: 'Show All',
  },
};
