import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report, average_precision_score, confusion_matrix

df = pd.read_csv('/kaggle/input/creditcardfraud/creditcard.csv')
print(df.shape)
print(df['Class'].value_counts(normalize=True))

fig, ax = plt.subplots(1, 2, figsize=(12, 4))
df.loc[df.Class == 0, 'Amount'].clip(upper=500).hist(bins=50, ax=ax[0])
df.loc[df.Class == 1, 'Amount'].clip(upper=500).hist(bins=50, ax=ax[1], color='r')
plt.show()

df['Amount_log'] = np.log1p(df['Amount'])
df['Hour'] = (df['Time'] // 3600) % 24
feats = df.drop(['Class', 'Time', 'Amount'], axis=1)
tgt = df['Class']

xtr, xte, ytr, yte = train_test_split(feats, tgt, test_size=0.3, random_state=2)

sm = SMOTE(random_state=2)
xtr, ytr = sm.fit_resample(xtr, ytr)
print(xtr.shape, ytr.mean())

rf = RandomForestClassifier(n_estimators=300, min_samples_leaf=2, n_jobs=-1, random_state=2)
rf.fit(xtr, ytr)
pred = rf.predict(xte)
print(classification_report(yte, pred, digits=4))
print(confusion_matrix(yte, pred))
print('AUPRC', average_precision_score(yte, rf.predict_proba(xte)[:, 1]))

imp = pd.Series(rf.feature_importances_, index=feats.columns).sort_values()
imp.tail(15).plot.barh(figsize=(6, 6))
plt.show()
