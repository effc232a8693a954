import type { Catalog } from './en.js';

/** Japanese message catalog; the type makes it carry every English key with the same parameters. */
const RESOURCE_TYPES: Record<string, string> = {
  'AWS::IAM::Role': 'IAM ロール',
  'AWS::IAM::User': 'IAM ユーザー',
  'AWS::S3::Bucket': 'S3 バケット',
  'AWS::S3Express::DirectoryBucket': 'S3 ディレクトリバケット',
  'AWS::KMS::Key': 'KMS キー',
  'AWS::SQS::Queue': 'SQS キュー',
  'AWS::SNS::Topic': 'SNS トピック',
  'AWS::Lambda::Function': 'Lambda 関数',
  'AWS::Lambda::LayerVersion': 'Lambda レイヤー',
  'AWS::SecretsManager::Secret': 'Secrets Manager シークレット',
  'AWS::EFS::FileSystem': 'EFS ファイルシステム',
  'AWS::EC2::Snapshot': 'EBS スナップショット',
  'AWS::ECR::Repository': 'ECR リポジトリ',
  'AWS::RDS::DBSnapshot': 'RDS スナップショット',
  'AWS::RDS::DBClusterSnapshot': 'RDS クラスタースナップショット',
  'AWS::DynamoDB::Table': 'DynamoDB テーブル',
  'AWS::DynamoDB::Stream': 'DynamoDB ストリーム',
};

export const ja: Catalog = {
  'resourceType.label': (p) => RESOURCE_TYPES[p.type] ?? p.type,
  'action.finding.isolate.label': () => 'ロールを隔離',
  'action.finding.isolate.name': () => '隔離',
  'action.finding.isolate.confirm.title': (p) => `${p.role} を隔離しますか?`,
  'action.finding.isolate.confirm.text': (p) =>
    `アカウント ${p.account} のロール \`${p.role}\` に、すべてのアクションを拒否するインラインポリシー \`${p.policy}\` を付与します。発行済みのセッションを含め、このロールで動いているものはすべて停止します。`,
  'action.finding.isolate.confirm.yes': () => '隔離する',
  'action.finding.archive.label': () => 'アーカイブ',
  'action.finding.archive.name': () => 'アーカイブ',
  'action.confirm.no': () => 'キャンセル',

  'card.fallback': (p) => `IAM Access Analyzer の検出結果: アカウント ${p.account} の ${p.type} ${p.name}`,
  'card.header.external': (p) => `${p.type} ${p.name} への外部アクセス`,
  'card.header.unused': (p) => `未使用のアクセス: ${p.type} ${p.name}`,
  'card.header.error': (p) => `Access Analyzer が ${p.type} ${p.name} を分析できませんでした`,
  'card.field.resource': () => 'リソース',
  'card.field.account': () => 'アカウント',
  'card.field.region': () => 'リージョン',
  'card.field.principal': () => 'アクセス可能な主体',
  'card.field.actions': () => 'アクション',
  'card.field.conditions': () => '条件',
  'card.field.foundAt': () => '検出日時',
  'card.field.findingId': () => '検出結果 ID',
  'card.field.analyzer': () => 'アナライザー',
  'card.field.findingType': () => '検出結果の種類',
  'card.field.error': () => 'エラー',
  'card.field.status': () => 'ステータス',
  'card.principal.public': () => ':red_circle: *公開*: 誰でもアクセスできます',
  'card.none': () => 'なし',
  'card.unknown': () => '不明',
  'card.status.open': () => ':large_yellow_circle: 未対応',
  'card.status.working': (p) => `:hourglass_flowing_sand: 処理中… <@${p.user}> が${p.action}を依頼しました`,
  'card.status.isolatedInline': (p) =>
    `:lock: ${p.by} が ${p.at} にロールを隔離しました (インラインポリシー \`${p.policy}\`)`,
  'card.status.isolatedManaged': (p) =>
    `:lock: ${p.by} が ${p.at} にロールを隔離しました (管理ポリシー \`AWSDenyAll\`)`,
  'card.status.archivedBy': (p) => `:file_cabinet: <@${p.user}> が ${p.at} にアーカイブしました`,
  'card.status.finding': (p) => `:white_circle: 検出結果は ${p.status} です`,
  'card.status.deleted': () => ':wastebasket: Access Analyzer が検出結果を削除しました',
  'card.note.noIsolate': (p) => `隔離は提供されません: ${p.reason}`,

  'reply.isolatedInline': (p) =>
    `ロール \`${p.role}\` を隔離しました: インラインポリシー \`${p.policy}\` がすべてのアクションを拒否します。依頼者: <@${p.user}>`,
  'reply.isolatedManaged': (p) =>
    `ロール \`${p.role}\` を隔離しました: インラインポリシーが IAM のサイズ上限に達しているため、代わりに管理ポリシー \`AWSDenyAll\` を付与し、すべてのアクションを拒否しています。依頼者: <@${p.user}>`,
  'reply.alreadyIsolated': (p) =>
    `ロール \`${p.role}\` はすでに隔離されています (${p.by}、${p.at})。変更はありません。依頼者: <@${p.user}>`,
  'reply.tagFailed': (p) =>
    `:warning: 拒否ポリシーは適用済みですが、隔離の記録をロールのタグに書き込めませんでした: ${p.reason}`,
  'reply.archived': (p) =>
    `検出結果 \`${p.id}\` をアナライザー \`${p.analyzer}\` でアーカイブしました。依頼者: <@${p.user}>`,
  'reply.refused': (p) =>
    `:no_entry: \`${p.name}\` の${p.action}を拒否しました: ${p.reason} 依頼者: <@${p.user}>`,
  'reply.failed': (p) =>
    `:x: \`${p.name}\` の${p.action}に失敗しました: ${p.reason} ほかには何も変更していません。依頼者: <@${p.user}>`,
  'time.unknown': () => '日時不明',
  'who.unknown': () => '不明なユーザー',

  'query.lookingUp': () => ':mag: 検出結果を調べています…',
  'help.text': () =>
    [
      '*/access-findings*: IAM Access Analyzer の検出結果 (あなたにだけ表示されます)。',
      '• `/access-findings` または `list [フィルター]`: 未対応の検出結果を新しい順に 1 ページ 10 件、ボタン付きで表示',
      '• `show <検出結果 ID>`: 1 件の詳細',
      '• `stats [フィルター]`: リソースの種類別・アカウント別の件数と、最も古い検出結果',
      '• `help`: このヘルプ',
      'フィルター: `type=role|user|bucket|key|queue|topic|function|secret|…` (または `type=AWS::S3::Bucket` のような完全な種類)、`account=<12 桁の ID>`、`principal=<アカウント ID または ARN の一部>`、`resource=<名前の一部>`、`status=active|archived|resolved` (既定は `active`)。',
      '例: `/access-findings list type=role principal=999988887777`',
    ].join('\n'),
  'help.unknownWord': (p) => `\`${p.word}\` は理解できませんでした。`,
  'help.unknownFilter': (p) => `\`${p.word}\` は使えるフィルターではありません。`,
  'help.badValue': (p) => `\`${p.word}\` の値は使えません。`,
  'help.repeated': (p) => `\`${p.word}\` は同じフィルターを繰り返しています。`,
  'help.missingId': () => '`show` には検出結果 ID が必要です: `/access-findings show <検出結果 ID>`。',
  'list.header': (p) => `\`${p.filters}\` に一致する*検出結果* (${p.page} ページ目)`,
  'list.empty': (p) => `\`${p.filters}\` に一致する検出結果はありません。`,
  'list.item': (p) =>
    `*${p.type} ${p.name}*  \`${p.status}\`\n\`${p.resource}\`\nアクセス可能な主体: ${p.principal} · 検出 ${p.found}`,
  'list.unusedItem': (p) =>
    `*${p.type} ${p.name}*  \`${p.status}\`\n\`${p.resource}\`\n未使用のアクセス · 検出 ${p.found}`,
  'list.range': (p) => `検出結果 ${p.from}–${p.to} 件目`,
  'list.nextPage': () => '次のページ',
  'list.tooLongToContinue': () => 'さらに一致する検出結果があります。フィルターを絞り込んでください。',
  'show.notFound': (p) => `検出結果 \`${p.id}\` はここのどのアナライザーにもありません。`,
  'stats.title': (p) => `\`${p.filters}\` に一致する検出結果は *${p.total} 件*`,
  'stats.byType': () => '*リソースの種類別*',
  'stats.byAccount': () => '*アカウント別*',
  'stats.line': (p) => `• ${p.label}: ${p.count}`,
  'stats.more': (p) => `• …ほか ${p.count} 件`,
  'stats.oldest': (p) => `最も古いもの: ${p.type} *${p.name}* (検出 ${p.found}、\`${p.id}\`)`,
  'error.noAnalyzer': () =>
    'このアカウントとリージョンに有効な外部アクセスアナライザーがありません。作成するか、`ANALYZER_ARN` を設定してください。',

  'amazonQ.finding.description': (p) =>
    `アカウント ${p.account} (${p.region}) の \`${p.resource}\` に ${p.principal} がアクセスできます。アクション: ${p.actions}。`,
  'amazonQ.public': () => '誰でも (公開)',
  'amazonQ.nextStep.slack': (p) => `<#${p.channel}> のメッセージから隔離またはアーカイブしてください。`,
  'amazonQ.nextStep.show': (p) => `詳細: \`/access-findings show ${p.id}\``,
  'amazonQ.outcome.title': (p) => `${p.action} (${p.result}): ${p.name}`,

  'thread.joined': (p) =>
    `${p.region} でもアナライザー \`${p.analyzer}\` が報告しました (検出結果 \`${p.id}\`)。`,
  'thread.archivedElsewhere': (p) =>
    `:file_cabinet: 検出結果 \`${p.id}\` はこのアプリの外で Access Analyzer 上でアーカイブされました。`,
  'thread.resolved': (p) =>
    `:white_check_mark: 検出結果 \`${p.id}\` は解決済みです: Access Analyzer はもうこのアクセスを検出していません。`,
  'thread.deleted': (p) => `:wastebasket: Access Analyzer が検出結果 \`${p.id}\` を削除しました。`,
  'thread.reactivated': (p) => `:rotating_light: 検出結果 \`${p.id}\` が再び有効になりました。`,
  'thread.changed': (p) => `検出結果 \`${p.id}\` は ${p.status} になりました。`,
  'card.note.alsoIn': (p) => `${p.region} でも: ${p.status} (検出結果 \`${p.id}\`)`,
  'digest.fallback': (p) => `IAM Access Analyzer の新しい検出結果が一度に ${p.total} 件届きました`,
  'digest.header': (p) => `:package: 新しい検出結果が一度に ${p.total} 件届きました`,
  'digest.explain': () =>
    '1 件ずつ投稿するには多すぎるため、ここにまとめ、すべてをスレッドに載せています。`/access-findings show <検出結果 ID>` で個別に操作できます。',
  'digest.byAccount': () => '*アカウント別*',
  'digest.byType': () => '*リソースの種類別*',
  'digest.newest': () => '*新しいもの*',
  'digest.list': () => '未対応の検出結果を一覧',
  'digest.line': (p) =>
    `• ${p.type} *${p.name}* (${p.account}、${p.region})、アクセス可能な主体: ${p.principal}: \`${p.id}\``,
  'error.actionInProgress': (p) => `すでに処理中です (<@${p.by}> が ${p.at} に依頼)。`,

  'error.unexpected': () => 'アプリ側でエラーが発生しました。ログに記録しました。',
  'error.eventInvalid': () => 'このイベントは、このアプリが扱える Access Analyzer の検出結果ではありません。',
  'error.requestInvalid': () => 'このリクエストは処理できません。何も実行していません。',
  'error.tokenInvalid': () =>
    'このボタンは無効です (改ざんされたか、別の鍵で署名されています)。何も実行していません。',
  'error.tokenExpired': (p) =>
    `このボタンは ${p.at} に期限切れになりました。\`/access-findings\` で新しいボタンを取得してください。何も実行していません。`,
  'error.tokenMisplaced': () =>
    'このボタンは別の検出結果、操作、またはチャンネルのものです。何も実行していません。',
  'error.notAuthorized': (p) =>
    `検出結果への操作は許可されていません。管理者が Slack ユーザー ID \`${p.user}\` を \`ALLOWED_SLACK_USER_IDS\` に追加するか、\`ALLOWED_SLACK_USERGROUP_IDS\` のユーザーグループにあなたを追加する必要があります。`,
  'error.authorizationNotConfigured': () =>
    'まだ誰も検出結果を操作できません。管理者がアプリの設定で `ALLOWED_SLACK_USER_IDS` (Slack ユーザー ID) または `ALLOWED_SLACK_USERGROUP_IDS` (ユーザーグループ ID) を設定してください。',
  'error.findingNotFound': (p) => `検出結果 \`${p.id}\` はアナライザーに存在しません。`,
  'error.findingNotActive': (p) => `検出結果は現在 ${p.status} で、ACTIVE ではありません。`,
  'error.findingResourceMismatch': () => '検出結果のリソースが、このボタンの作成時とは異なります。',
  'error.actionNotApplicable': () => 'この操作はこの検出結果には使えません。',
  'error.roleServiceLinked': () => 'サービスリンクロールは AWS により変更できません。',
  'error.roleSso': () => 'IAM Identity Center が管理するロール (`AWSReservedSSO_*`) です。',
  'error.roleProtected': (p) =>
    `保護対象ロールのパターン \`${p.pattern}\` (\`PROTECTED_ROLE_PATTERNS\`) に一致します。`,
  'error.roleSelf': () => 'このアプリ自身の実行ロールです。隔離するとアプリが操作できなくなります。',
  'error.roleOtherAccount': (p) =>
    `ロールはアカウント ${p.account} にあり、このアプリはアカウント ${p.ours} でのみ操作します。`,
  'error.roleNotFound': (p) => `ロール \`${p.role}\` は存在しません。`,
  'error.roleReplaced': (p) => `同名のロールはありますが、別のロール (\`${p.arn}\`) に置き換わっています。`,
  'error.policyNameTaken': (p) =>
    `ロールにはこのアプリが作成していないインラインポリシー \`${p.policy}\` がすでにあります。\`ISOLATION_POLICY_NAME\` を変更するか、そのポリシーを削除してください。`,
  'error.awsAccessDenied': (p) =>
    `AWS がアプリに \`${p.operation}\` を許可しませんでした。IAM 権限を確認してください。`,
  'error.awsThrottled': (p) =>
    `AWS が \`${p.operation}\` をスロットリングしました。1 分ほど待ってからもう一度押してください。`,
  'error.awsFailed': (p) => `AWS が \`${p.operation}\` を拒否しました: ${p.detail}`,
  'error.slackFailed': (p) => `Slack が \`${p.method}\` を拒否しました: ${p.detail}`,
  'error.awsUnavailable': (p) =>
    `AWS から \`${p.operation}\` の応答がありませんでした。1 分ほど待ってからもう一度押してください。`,
};
