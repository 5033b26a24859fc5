import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import (
    average_precision_score,
    precision_recall_fscore_support,
    roc_auc_score,
)

SEED = 31

cc = pd.read_csv("creditcard.csv")
print(cc["Class"].value_counts())

cc["log_amount"] = np.log1p(cc["Amount"])
cc["hour"] = (cc["Time"] // 3600) % 24
X = cc.drop(columns=["Class", "Amount", "Time"])
y = cc["Class"]

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=SEED
)

sm = SMOTE(sampling_strategy=0.2, k_neighbors=5, random_state=SEED)
X_train, y_train = sm.fit_resample(X_train, y_train)
print("after SMOTE:", y_train.value_counts().to_dict())

rf = RandomForestClassifier(
    n_estimators=300, max_depth=12, min_samples_leaf=3, n_jobs=-1, random_state=SEED
)
rf.fit(X_train, y_train)

scores = rf.predict_proba(X_test)[:, 1]
for thr in (0.3, 0.5, 0.7):
    p, r, f, _ = precision_recall_fscore_support(y_test, scores >= thr, average="binary")
    print(f"thr={thr:.1f}  precision={p:.3f} recall={r:.3f} f1={f:.3f}")
print("ROC AUC:", round(roc_auc_score(y_test, scores), 4))
print("PR AUC :", round(average_precision_score(y_test, scores), 4))

importances = pd.Series(rf.feature_importances_, index=X.columns)
print(importances.sort_values(ascending=False).head(8))
